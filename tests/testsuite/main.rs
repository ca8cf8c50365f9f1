//! The one integration-test binary: a module per feature, each running the real `perfdoc`
//! binary on practices made in temporary directories (real git repositories).

mod baseline;
mod check;
mod config;
mod fill;
mod fuzz_regressions;
mod k6;
mod list;
mod new;
mod properties;
mod readme;
mod support;
