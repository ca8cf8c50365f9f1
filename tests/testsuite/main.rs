//! The one integration-test binary: a module per feature, each running the real `perfdoc`
//! binary on practices made in temporary directories (real git repositories).

mod alias_bomb;
mod bad_input;
mod baseline;
mod baseline_race;
mod browser;
mod check;
mod check_formats;
mod ci_templates;
mod cli_docs;
mod config;
mod config_errors;
mod confinement;
mod exits;
mod file_modes;
mod fill;
mod fuzz_regressions;
mod history;
mod hook;
mod k6;
mod k6_limits;
mod list;
mod locations;
mod new;
mod non_utf8_names;
mod odd_repos;
mod properties;
mod readme;
mod reliability;
mod review;
mod review_injection;
mod serve;
mod serve_safety;
mod site;
mod support;
mod workflows;
