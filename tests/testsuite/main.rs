//! The one integration-test binary: a module per feature, each running the real `perfdoc`
//! binary on practices made in temporary directories (real git repositories).

mod bad_input;
mod baseline;
mod browser;
mod check;
mod check_formats;
mod cli_docs;
mod cli_flags;
mod config;
mod fill;
mod fuzz_regressions;
mod gitlab;
mod history;
mod hook;
mod init_gitignore;
mod install;
mod k6;
mod list;
mod new;
mod odd_repos;
mod properties;
mod readme;
mod release;
mod reliability;
mod review;
mod serve;
mod site;
mod support;
mod versions;
mod workflow_pins;
mod workflows;
