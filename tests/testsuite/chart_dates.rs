//! Where a trends chart puts its points in time: the x-axis spans the period the practice's
//! documents cover, a baseline is drawn at the run it came from (not at the commit that added
//! it a year later), and change points are marked with their date, change and p-value.

use crate::support::Repo;

/// The plot's left and right edge, as `site/svg.rs` lays a chart out (720 wide, 56 and 16 px
/// of padding).
const LEFT: f64 = 56.0;
const RIGHT: f64 = 704.0;

struct Chart {
    text: String,
    start: String,
    end: String,
    line: Vec<f64>,
    baseline: Vec<f64>,
}

fn xs(d: &str) -> Vec<f64> {
    d.split(['M', 'L'])
        .filter_map(|pair| pair.split_whitespace().next()?.parse().ok())
        .collect()
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].split('"').next()
}

fn charts(html: &str) -> Vec<Chart> {
    html.split("<svg class=\"chart\"")
        .skip(1)
        .map(|c| {
            let text = c.split("</svg>").next().unwrap().to_string();
            let labels: Vec<String> = text
                .split("<text class=\"label\"")
                .skip(1)
                .filter_map(|t| t.split('>').nth(1)?.split('<').next().map(str::to_string))
                .filter(|l| l.len() == 10 && l.as_bytes()[4] == b'-')
                .collect();
            let path = |class: &str| {
                text.split(&format!("<path class=\"{class}\""))
                    .nth(1)
                    .and_then(|p| attr(p, "d"))
                    .map(xs)
                    .unwrap_or_default()
            };
            Chart {
                start: labels.first().cloned().unwrap_or_default(),
                end: labels.last().cloned().unwrap_or_default(),
                line: path("line"),
                baseline: path("baseline"),
                text,
            }
        })
        .collect()
}

/// A daily report of `d` whose p95 is `v`.
fn daily(repo: &Repo, d: &str, v: impl std::fmt::Display) {
    repo.write(
        &format!("reports/daily-{d}.md"),
        format!(
            "---\ntitle: Daily\nkind: daily\ndate: {d}\nowner: Jane Doe\nstatus: GREEN\nmetrics:\n  p95_ms: {v}\n---\n\n## Overnight Metrics\n\n- P95: {v} ms\n\n## Notable Events\n\n- None.\n\n## Action Items\n\n- None.\n"
        ),
    );
}

fn day(d: &str) -> i64 {
    let (y, rest) = d.split_at(4);
    let m: i64 = rest[1..3].parse().unwrap();
    let dd: i64 = rest[4..6].parse().unwrap();
    let y: i64 = y.parse().unwrap();
    // Days from a fixed origin (civil-from-days, Howard Hinnant's algorithm).
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + dd - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy
}

#[test]
fn the_examples_charts_span_its_documents_and_draw_the_baseline_at_its_run() {
    let repo = Repo::example();
    // The practice is committed long after its December: the commit must not stretch the axis.
    repo.commit(
        "The platform team's December",
        "2026-11-28T16:55:29Z",
        "Jane Doe",
    );
    repo.perfdoc(&["build"]).code(0);
    let html = repo.read("site/trends/index.html");
    let charts = charts(&html);
    assert!(!charts.is_empty(), "{html}");
    let width = RIGHT - LEFT;
    for c in &charts {
        assert_eq!(c.start, "2025-12-01", "{}", c.text);
        assert!(
            c.end.as_str() <= "2026-01-31" && c.end.as_str() >= "2025-12-31",
            "the axis ends with the documents, not at a commit: {}",
            c.end
        );
        // The daily figures cover all of December: they fill the plot, not its left 5 %.
        let (lo, hi) = c
            .line
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(*x), b.max(*x)));
        assert!(
            (lo - LEFT).abs() < 0.2 && hi - lo > 0.8 * width,
            "{:?}\n{}",
            c.line,
            c.text
        );
        assert!(c.line.iter().all(|x| (LEFT..=RIGHT).contains(x)));
    }
    // Each point sits at its report's day on the documents' axis: none in a gutter its date
    // is not in.
    let mut days: Vec<String> = std::fs::read_dir(repo.path().join("reports"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().ok()?;
            Some(
                name.strip_prefix("daily-")?
                    .strip_suffix(".md")?
                    .to_string(),
            )
        })
        .collect();
    days.sort();
    let p95 = charts.iter().find(|c| c.text.contains("P95")).unwrap();
    let span = (day(&p95.end) - day(&p95.start)) as f64;
    let expected: Vec<f64> = days
        .iter()
        .map(|d| LEFT + (day(d) - day(&p95.start)) as f64 / span * width)
        .collect();
    assert_eq!(p95.line.len(), expected.len(), "{}", p95.text);
    for (got, want) in p95.line.iter().zip(&expected) {
        assert!((got - want).abs() < 0.2, "{got} vs {want}\n{}", p95.text);
    }
    // The baseline holds the run of 2025-12-29 (the figures of
    // benchmarks/k6-baseline-2025-12-29.json): its step starts there.
    let first = *p95.baseline.first().expect("a baseline line");
    let expected = LEFT
        + (day("2025-12-29") - day(&p95.start)) as f64 / (day(&p95.end) - day(&p95.start)) as f64
            * width;
    assert!(
        (first - expected).abs() < 0.2,
        "baseline at x = {first}, the run's day is at {expected}\n{}",
        p95.text
    );
}

#[test]
fn a_baseline_with_a_recorded_start_is_dated_by_it() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    for (d, v) in [
        ("2025-12-01", 300),
        ("2025-12-15", 310),
        ("2025-12-31", 305),
    ] {
        daily(&repo, d, v);
    }
    // k6's raw stream records when it ran: 2025-12-10, whatever the commit says.
    let point = |t: &str, v: f64| {
        format!(
            "{{\"type\":\"Point\",\"metric\":\"http_req_duration\",\"data\":{{\"time\":\"{t}\",\"value\":{v},\"tags\":{{}}}}}}\n"
        )
    };
    let stream: String = (0..20)
        .map(|i| point(&format!("2025-12-10T08:00:{i:02}Z"), 280.0 + i as f64))
        .collect();
    repo.write("benchmarks/main-baseline.json", stream);
    repo.commit("Practice and baseline", "2026-06-01T09:00:00Z", "Jane Doe");
    repo.perfdoc(&["build"]).code(0);
    let html = repo.read("site/trends/index.html");
    let chart = charts(&html)
        .into_iter()
        .find(|c| !c.baseline.is_empty())
        .unwrap_or_else(|| panic!("a chart with the baseline\n{html}"));
    assert_eq!(
        (chart.start.as_str(), chart.end.as_str()),
        ("2025-12-01", "2025-12-31")
    );
    let expected = LEFT + 9.0 / 30.0 * (RIGHT - LEFT);
    assert!(
        (chart.baseline[0] - expected).abs() < 0.2,
        "{:?}\n{}",
        chart.baseline,
        chart.text
    );
}

#[test]
fn a_step_in_the_daily_figures_is_marked_on_its_chart() {
    let repo = Repo::new();
    repo.perfdoc(&["init"]).code(0);
    // 24 days at about 200 ms, then a step to about 300 ms from 2025-12-13 on.
    for i in 1..=24 {
        let wobble = [0.0, 3.0, -2.0, 1.0][i % 4];
        let v = if i < 13 { 200.0 } else { 300.0 } + wobble;
        let d = format!("2025-12-{i:02}");
        daily(&repo, &d, v);
    }
    repo.perfdoc(&["build"]).code(0);
    let html = repo.read("site/trends/index.html");
    let chart = charts(&html)
        .into_iter()
        .find(|c| c.text.contains("P95"))
        .unwrap_or_else(|| panic!("a p95 chart\n{html}"));
    let marks: Vec<&str> = chart.text.split("<line class=\"change").skip(1).collect();
    assert_eq!(marks.len(), 1, "one change point\n{}", chart.text);
    // A vertical rule at the first day after the change, with what it is on hover.
    let rule = marks[0].split("/>").next().unwrap();
    let x = attr(rule, "x1").unwrap();
    assert_eq!(Some(x), attr(rule, "x2"), "{rule}");
    let expected = LEFT + 12.0 / 23.0 * (RIGHT - LEFT);
    assert!((x.parse::<f64>().unwrap() - expected).abs() < 0.2, "{rule}");
    assert!(
        chart.text.contains("change point 2025-12-13: +49.") && chart.text.contains(", p "),
        "{}",
        chart.text
    );
    // Listed under the chart too, for a reader who cannot hover.
    assert!(
        html.contains("<span class=\"badge plain bad\">since 2025-12-13: +49."),
        "{html}"
    );
    assert!(
        chart.text.contains("class=\"change worse\""),
        "{}",
        chart.text
    );
}
