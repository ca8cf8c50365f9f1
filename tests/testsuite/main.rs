//! The one integration-test binary: a module per feature, each running the real `perfdoc`
//! binary on practices made in temporary directories (real git repositories).

mod bad_input;
mod baseline;
mod browser;
mod check;
mod check_formats;
mod cli_docs;
mod config;
mod fill;
mod fixtures;
mod fuzz_regressions;
mod git_env;
mod history;
mod hook;
mod hook_chain;
mod k6;
mod list;
mod missing_objects;
mod new;
mod odd_git;
mod odd_repos;
mod properties;
mod readme;
mod reliability;
mod review;
mod serve;
mod site;
mod staged_commit;
mod support;
mod workflows;
