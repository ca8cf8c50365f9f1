//! The one integration-test binary: a module per feature, each running the real `perfdoc`
//! binary on practices made in temporary directories (real git repositories).

mod check_formats;
mod cli_docs;
mod hook;
mod new;
mod review;
mod support;
mod workflows;
