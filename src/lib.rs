//! perfdoc: a Git-native docs-as-code tool for performance practices.
//!
//! Data flows one way: `config → doc → (check | history | metrics) → (site | review) → cmd`.
//! Only `cmd` prints or chooses exit codes; the other modules return data.

pub mod cli;
pub mod cmd;
pub mod history;
