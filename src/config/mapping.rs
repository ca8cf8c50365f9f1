//! Mappings from what a tool writes onto the catalog: the factor a figure is scaled by (one
//! rule for monitoring sources and run figures alike), and `[metrics.KEY] from`, the run
//! figure a team's catalog metric takes its value from, checked at its place in book.toml.

use std::ops::Range;

use toml::Spanned;

use super::{Ctx, MetricSource};
use crate::error::Result;

/// Longer than any name a tool gives a metric, a stat and an endpoint together.
const MAX_FROM: usize = 300;

/// A mapping's factor: absent is 1; otherwise a number other than zero.
pub(super) fn scale_of(
    ctx: &Ctx,
    span: Range<usize>,
    name: &str,
    scale: Option<&toml::Value>,
) -> Result<f64> {
    let x = match scale {
        None => 1.0,
        Some(toml::Value::Integer(i)) => *i as f64,
        Some(toml::Value::Float(f)) => *f,
        Some(_) => f64::NAN,
    };
    if !(x.is_finite() && x != 0.0) {
        return Err(ctx.error(
            span,
            format!("the scale of `{name}` is not a number other than zero"),
            "write the factor to the catalog's unit, e.g. `scale = 1000` for seconds to ms",
        ));
    }
    Ok(x)
}

/// `[metrics.KEY] from = "…"` (with its optional `scale`), refused where it is written when
/// it cannot name a run figure.
pub(super) fn metric_source(
    ctx: &Ctx,
    key: &str,
    from: Spanned<String>,
    scale: Option<Spanned<toml::Value>>,
) -> Result<MetricSource> {
    let span = from.span();
    let name = from.into_inner();
    let hint = "name a run figure: a format's metric and stat (`checkout_duration.p(95)`), an endpoint's figure (`GET /api.p95_ms`) or a benchmark's name";
    if name.trim().is_empty() {
        return Err(ctx.error(span, format!("the `from` of `{key}` is empty"), hint));
    }
    if name.chars().any(char::is_control) {
        return Err(ctx.error(
            span,
            format!("the `from` of `{key}` holds a control character"),
            hint,
        ));
    }
    if name.len() > MAX_FROM {
        return Err(ctx.error(
            span,
            format!(
                "the `from` of `{key}` is {} bytes; no run figure's name is longer than {MAX_FROM}",
                name.len()
            ),
            hint,
        ));
    }
    let scale = match scale {
        Some(s) => scale_of(ctx, s.span(), key, Some(s.get_ref()))?,
        None => 1.0,
    };
    Ok(MetricSource { name, scale })
}
