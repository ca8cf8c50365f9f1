//! The formats perfdoc reads, and how a file finds its format: each format says whether the
//! content looks like it; when more than one does, the file's name decides; `--input-format`
//! (or `book.toml`) overrides both. A file read here is capped and, when gzip-compressed,
//! decompressed under the same cap, so a small hostile `.gz` cannot grow without bound.

use std::io::Read;
use std::path::Path;

use super::{
    Run, bencher_bmf, benchmarkdotnet, criterion, custom, gatling, go_bench, google_benchmark, hey,
    hyperfine, jmeter_statistics, jmh, jtl, k6_csv, k6_machine, k6_ndjson, k6_summary, locust,
    locust_history, oha, pytest_benchmark, vegeta, wrk,
};
use crate::error::{Error, Result};
use crate::practice::MAX_BENCHMARK_BYTES;

/// One format perfdoc reads.
pub struct Format {
    /// The name `--input-format` takes.
    pub name: &'static str,
    /// The tool and output, in words.
    pub describe: &'static str,
    /// The command that writes it.
    pub command: &'static str,
    /// Whether the content looks like this format (cheap; the parse is the real test).
    pub looks_like: fn(&str) -> bool,
    /// Whether the file's name suggests this format, to break ties.
    pub named_like: fn(&str) -> bool,
    pub parse: fn(&str, &str) -> Result<Run>,
}

/// Every format, most specific first: detection takes the first that matches when the name
/// breaks no tie.
pub const FORMATS: &[Format] = &[
    k6_machine::FORMAT,
    k6_summary::FORMAT,
    k6_ndjson::FORMAT,
    k6_csv::FORMAT,
    hyperfine::FORMAT,
    google_benchmark::FORMAT,
    pytest_benchmark::FORMAT,
    benchmarkdotnet::FORMAT,
    jmh::FORMAT,
    criterion::FORMAT,
    custom::SMALLER,
    custom::BIGGER,
    gatling::FORMAT,
    vegeta::FORMAT,
    oha::FORMAT,
    jmeter_statistics::FORMAT,
    locust::FORMAT,
    locust_history::FORMAT,
    jtl::FORMAT,
    hey::FORMAT,
    wrk::FORMAT,
    go_bench::FORMAT,
    bencher_bmf::FORMAT,
];

pub fn by_name(name: &str) -> Option<&'static Format> {
    FORMATS.iter().find(|f| f.name == name)
}

/// The format a file's content (then its name) says it is.
pub fn detect(file: &str, text: &str) -> Option<&'static Format> {
    let matching: Vec<&'static Format> = FORMATS.iter().filter(|f| (f.looks_like)(text)).collect();
    let name = file.rsplit('/').next().unwrap_or(file);
    matching
        .iter()
        .find(|f| (f.named_like)(name))
        .or(matching.first())
        .copied()
}

/// Parses text as the forced format, or the detected one.
pub fn parse_as(file: &str, text: &str, forced: Option<&str>) -> Result<Run> {
    let format = match forced {
        Some(name) => by_name(name).ok_or_else(|| unknown(name))?,
        None => detect(file, text).ok_or_else(|| no_format(file))?,
    };
    (format.parse)(file, text)
}

/// Reads a run file (plain or gzip-compressed) and parses it; `display` names it in errors.
pub fn read(path: &Path, display: &str, forced: Option<&str>) -> Result<Run> {
    if forced.is_none_or(|f| f == "criterion")
        && std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
    {
        return criterion::folder(path, display);
    }
    let text = read_text(path, display)?;
    parse_as(display, &text, forced)
}

/// The text of a run file, decompressed when it is gzip, under the cap either way.
pub fn read_text(path: &Path, display: &str) -> Result<String> {
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let len = file.metadata().map_err(read_error)?.len();
    too_big(display, len)?;
    let mut bytes = Vec::new();
    file.take(MAX_BENCHMARK_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    text_of(bytes, display)
}

/// The text of a run's bytes (read from a file or out of git history): decompressed when
/// they are gzip, under the cap either way; UTF-8 or an error.
pub fn text_of(mut bytes: Vec<u8>, display: &str) -> Result<String> {
    too_big(display, bytes.len() as u64)?;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .take(MAX_BENCHMARK_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|e| Error::Benchmark {
                file: display.to_string(),
                json_path: "(gzip stream)".into(),
                message: format!("is a gzip file that does not decompress: {e}"),
                hint: "compress the run again with `gzip FILE`, or commit it uncompressed".into(),
            })?;
        too_big(display, out.len() as u64)?;
        bytes = out;
    }
    String::from_utf8(bytes).map_err(|e| Error::Benchmark {
        file: display.to_string(),
        json_path: format!("byte {}", e.utf8_error().valid_up_to()),
        message: "is not UTF-8 text; no format perfdoc reads is binary".into(),
        hint: "pass the tool's JSON, CSV or text output (`perfdoc formats` lists them)".into(),
    })
}

/// The one size cap of every run format, with the error that names it.
pub fn too_big(file: &str, len: u64) -> Result<()> {
    if len <= MAX_BENCHMARK_BYTES {
        return Ok(());
    }
    Err(Error::Benchmark {
        file: file.to_string(),
        json_path: "(top level)".into(),
        message: format!(
            "is {:.1} MiB; runs are read up to {} MiB",
            len as f64 / 1048576.0,
            MAX_BENCHMARK_BYTES / 1048576
        ),
        hint: "keep a summary (`k6 run --summary-export=FILE`), or gzip a raw stream".into(),
    })
}

fn no_format(file: &str) -> Error {
    Error::Benchmark {
        file: file.to_string(),
        json_path: "(top level)".into(),
        message: "matches no format perfdoc reads".into(),
        hint: "`perfdoc formats` lists the formats and the commands that write them; force one with --input-format NAME".into(),
    }
}

fn unknown(name: &str) -> Error {
    let names: Vec<&str> = FORMATS.iter().map(|f| f.name).collect();
    Error::UnknownFormat {
        name: name.to_string(),
        known: names.join(", "),
    }
}

/// Whether a name is a JSON file's, the tie-breaker of most JSON formats.
pub fn is_json(name: &str) -> bool {
    ends_with_any(name, &[".json"])
}

/// Whether a name ends in one of `exts`, `.gz` ignored.
pub fn ends_with_any(name: &str, exts: &[&str]) -> bool {
    let name = name.strip_suffix(".gz").unwrap_or(name);
    exts.iter().any(|e| name.ends_with(e))
}
