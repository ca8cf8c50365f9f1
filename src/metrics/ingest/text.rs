//! What every format needs to say where it broke: errors naming the file, the format tried
//! and the place (a line and column, or a JSON path), and numbers read strictly, so a
//! string where the tool writes a number is an error, never a zero.

use crate::error::Error;

/// An error in a file read as `format`, at `place` (`line 3, column 2` or a JSON path).
pub fn error(file: &str, format: &str, place: &str, message: &str, hint: &str) -> Error {
    Error::Benchmark {
        file: file.to_string(),
        json_path: place.to_string(),
        message: format!("read as {format}: {message}"),
        hint: hint.to_string(),
    }
}

/// `line N, column M` (both 1-based), for text and CSV formats.
pub fn at_line(line: u64, column: usize) -> String {
    format!("line {line}, column {column}")
}

/// No measurement a tool writes comes near this (an epoch in ms is 1.7e12, an hour in ns
/// 3.6e12); past it a value is refused, so sums, means and scalings stay finite.
pub const MAX_MAGNITUDE: f64 = 1e15;

/// Whether a value is a measurement perfdoc can compute with.
pub fn in_range(v: f64) -> bool {
    v.is_finite() && v.abs() <= MAX_MAGNITUDE
}

/// A decimal number as a tool writes it.
pub fn number(s: &str) -> Result<f64, String> {
    let t = s.trim();
    match t.parse::<f64>() {
        Ok(v) if in_range(v) => Ok(v),
        Ok(_) => Err(format!("`{t}` is out of range (beyond ±1e15)")),
        Err(_) if t.is_empty() => Err("is empty where a number belongs".into()),
        Err(_) => Err(format!(
            "`{}` is not a number",
            t.chars().take(40).collect::<String>()
        )),
    }
}

/// A JSON value that must be a finite number, at `path`.
pub fn json_number(v: Option<&serde_json::Value>) -> Result<f64, String> {
    match v {
        None => Err("is missing".into()),
        Some(serde_json::Value::Number(n)) => n
            .as_f64()
            .filter(|f| f.is_finite())
            .ok_or_else(|| "is not a finite number".into()),
        Some(serde_json::Value::String(s)) => Err(format!(
            "expected a number, found the string {:?}",
            s.chars().take(40).collect::<String>()
        )),
        Some(other) => Err(format!("expected a number, found {}", json_type(other))),
    }
}

/// The samples a format may carry: an optional JSON array of numbers at `at`, refused at the
/// first element that is not one.
pub fn json_samples(
    v: Option<&serde_json::Value>,
    file: &str,
    format: &str,
    at: &str,
    hint: &str,
) -> Result<Option<Vec<f64>>, Error> {
    let Some(v) = v else {
        return Ok(None);
    };
    let Some(items) = v.as_array() else {
        return Err(error(
            file,
            format,
            at,
            &format!("is {}, not an array", json_type(v)),
            hint,
        ));
    };
    items
        .iter()
        .enumerate()
        .map(|(j, x)| {
            json_number(Some(x)).map_err(|m| error(file, format, &format!("{at}[{j}]"), &m, hint))
        })
        .collect::<Result<Vec<f64>, Error>>()
        .map(Some)
}

/// A string field of a JSON object at `at`, or the error naming `at.key`.
pub fn json_str<'a>(
    v: &'a serde_json::Value,
    key: &str,
    file: &str,
    format: &str,
    at: &str,
    hint: &str,
) -> Result<&'a str, Error> {
    v.get(key)
        .and_then(serde_json::Value::as_str)
        .ok_or_else(|| {
            error(
                file,
                format,
                &format!("{at}.{key}"),
                &format!("has no `{key}` string"),
                hint,
            )
        })
}

/// The array at `key` of an object (or the document itself when `key` is `None`), or the
/// error naming it.
pub fn json_list<'a>(
    v: &'a serde_json::Value,
    key: Option<&str>,
    file: &str,
    format: &str,
    hint: &str,
) -> Result<&'a Vec<serde_json::Value>, Error> {
    let target = match key {
        Some(k) => v.get(k),
        None => Some(v),
    };
    target.and_then(serde_json::Value::as_array).ok_or_else(|| {
        error(
            file,
            format,
            key.unwrap_or("(top level)"),
            &format!("has no `{}` array", key.unwrap_or("top-level")),
            hint,
        )
    })
}

/// A harness run that names at least one benchmark, or the error at `at` for one that
/// names none (an empty list or object is a file without results, not a run of zeros).
pub fn with_benchmarks(run: super::Run, at: &str, hint: &str) -> Result<super::Run, Error> {
    if run.figures.is_empty() {
        return Err(error(&run.file, run.format, at, "has no benchmark", hint));
    }
    Ok(run)
}

/// A number at a JSON pointer, or the error naming its path (`latencies.95th`).
pub fn json_at(
    v: &serde_json::Value,
    pointer: &str,
    file: &str,
    format: &str,
    hint: &str,
) -> Result<f64, Error> {
    json_number(v.pointer(pointer)).map_err(|m| {
        let path = pointer.trim_start_matches('/').replace('/', ".");
        error(file, format, &path, &m, hint)
    })
}

pub fn json_type(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Parses a JSON document, saying where a broken one stops.
pub fn json(file: &str, format: &str, text: &str, hint: &str) -> Result<serde_json::Value, Error> {
    serde_json::from_str(text).map_err(|e| {
        let what = if e.classify() == serde_json::error::Category::Eof {
            "ends early (truncated?)"
        } else {
            "is not valid JSON"
        };
        error(
            file,
            format,
            &at_line(e.line() as u64, e.column()),
            &format!("{what}: {e}"),
            hint,
        )
    })
}

/// A CSV reader that keeps ragged rows for the formats to judge, with the line of each record.
pub fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// The header of a CSV file, or the error for a file that has none.
pub fn csv_headers(
    file: &str,
    format: &str,
    reader: &mut csv::Reader<&[u8]>,
    hint: &str,
) -> Result<Vec<String>, Error> {
    reader
        .headers()
        .map(|h| h.iter().map(|s| s.trim().to_string()).collect())
        .map_err(|e| {
            error(
                file,
                format,
                "line 1",
                &format!("has no readable header: {e}"),
                hint,
            )
        })
}

/// The column of a header, or an error naming the missing column.
pub fn column(
    file: &str,
    format: &str,
    headers: &[String],
    name: &str,
    hint: &str,
) -> Result<usize, Error> {
    headers.iter().position(|h| h == name).ok_or_else(|| {
        error(
            file,
            format,
            "line 1",
            &format!("the header has no `{name}` column"),
            hint,
        )
    })
}

/// A numeric CSV field of `record`, or an error at its line and column.
pub fn csv_number(
    file: &str,
    format: &str,
    record: &csv::StringRecord,
    index: usize,
    name: &str,
    hint: &str,
) -> Result<f64, Error> {
    let line = record.position().map_or(0, |p| p.line());
    let Some(field) = record.get(index) else {
        return Err(error(
            file,
            format,
            &at_line(line, index + 1),
            &format!("the row ends before its `{name}` field (truncated?)"),
            hint,
        ));
    };
    number(field).map_err(|m| {
        error(
            file,
            format,
            &at_line(line, index + 1),
            &format!("`{name}` {m}"),
            hint,
        )
    })
}

/// A CSV record, or an error at the line it broke on.
pub fn csv_record(
    file: &str,
    format: &str,
    r: csv::Result<csv::StringRecord>,
    hint: &str,
) -> Result<csv::StringRecord, Error> {
    r.map_err(|e| {
        let line = e.position().map_or(0, |p| p.line());
        error(
            file,
            format,
            &at_line(line, 1),
            &format!("is not valid CSV: {e}"),
            hint,
        )
    })
}
