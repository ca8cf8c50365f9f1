//! The one integration-test binary: a module per feature, each running the real `perfdoc`
//! binary on practices made in temporary directories (real git repositories).

mod bad_input;
mod baseline;
mod browser;
mod build_broken;
mod check;
mod check_formats;
mod cli_docs;
mod config;
mod fill;
mod fuzz_regressions;
mod history;
mod hook;
mod k6;
mod large_documents;
mod list;
mod new;
mod odd_repos;
mod properties;
mod readme;
mod reliability;
mod review;
mod serve;
mod site;
mod support;
mod workflows;
