//! The one integration-test binary: a module per feature, each running the real `perfdoc`
//! binary on practices made in temporary directories (real git repositories).

mod check;
mod config;
mod fuzz_regressions;
mod history;
mod new;
mod properties;
mod readme;
mod support;
