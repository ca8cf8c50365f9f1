//! `perfdoc review`: what a change between two revisions does to the practice, for a pull
//! request. `gather` reads the facts from git (the practice at head, the changed files, each
//! changed run against the baseline), `build` turns them into a `Review`, `markdown` renders
//! it. Nothing here prints.

mod build;
mod gather;
pub mod markdown;
mod model;

pub use build::{Input, PAGE_KIND, benchmark_changes, build, page_url};
pub use gather::{Revisions, gather};
pub use model::{
    BenchmarkChange, BenchmarkComparison, BenchmarkRow, BrokenLink, DocRef, DocReview,
    FigureComparison, FigureRow, KindRow, MetricRow, Regression, Review, Summary,
};
