//! `perfdoc review`: what a change between two revisions does to the practice, for a pull
//! request. `build` turns facts gathered by the caller (the practice at head, the changed
//! files) into a `Review`; `markdown` renders it. Nothing here reads git or prints.

mod build;
pub mod markdown;
mod model;

pub use build::{Input, PAGE_KIND, benchmark_changes, build, page_url};
pub use model::{
    BenchmarkChange, BenchmarkComparison, BenchmarkRow, BrokenLink, DocRef, DocReview,
    FigureComparison, FigureRow, KindRow, MetricRow, Regression, Review, Summary,
};
