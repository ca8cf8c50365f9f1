//! perfdoc's one integration-test binary: a module per feature, sharing `support`.

mod history;
mod support;
