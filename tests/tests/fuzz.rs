//! The fuzz target: a seeded mutation run over the generator and the response parser.
//!
//! - Specs: the fixtures and `spec/hss.yaml`, mutated on their YAML tree (hostile scalars, non-finite
//!   numbers, invalid and deeply nested schemas, keyword names, broken `$ref`s, deleted and
//!   duplicated nodes) and on their text (lines dropped or repeated, bytes inserted, truncation),
//!   fed to `generator::generate` with ordinary and hostile spec names.
//! - Responses: random statuses, hostile headers (huge or non-ASCII request IDs, odd
//!   `Retry-After`s) and bodies (error bodies of every format with huge fields, random and deeply
//!   nested JSON, invalid UTF-8, HTML, truncations) fed to `parse_response` of every operation.
//!
//! Each case must end without a panic, within a generous time budget, and (for responses) with an
//! error whose `Display` and `Debug` stay bounded. The run is deterministic for a seed. CI runs the
//! default number of cases; `FUZZ_SEED` and `FUZZ_CASES` (a multiplier) make longer local runs:
//!
//! ```sh
//! FUZZ_SEED=7 FUZZ_CASES=20 cargo test --release -p tests --test fuzz -- --nocapture
//! ```
//!
//! The figures (cases run, panics, slowest case) are printed and written to
//! `target/fuzz-report.txt`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_yaml::Value;

/// Spec cases per seed spec, and response cases, at `FUZZ_CASES=1`.
const SPEC_CASES_PER_SEED: usize = 60;
const RESPONSE_CASES: usize = 1500;

/// Generous per-case budgets (debug build, shared machine): far above any normal case, far below
/// the exponential blow-ups this target exists to catch.
const SPEC_BUDGET: Duration = Duration::from_secs(10);
const RESPONSE_BUDGET: Duration = Duration::from_secs(2);

/// Bounds on what an error may print, whatever the response.
const MAX_DISPLAY: usize = 8 * 1024;
const MAX_DEBUG: usize = 16 * 1024;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// splitmix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What the run found, for the report.
#[derive(Default)]
struct Figures {
    cases: usize,
    ok: usize,
    errors: usize,
    panics: Vec<String>,
    slowest: (Duration, String),
}

impl Figures {
    fn record(&mut self, took: Duration, what: impl FnOnce() -> String) {
        self.cases += 1;
        if took > self.slowest.0 {
            self.slowest = (took, what());
        }
    }
}

static REPORT: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Prints a line of the report and appends it to `target/fuzz-report.txt`.
fn report(line: String) {
    println!("{line}");
    let mut lines = REPORT.lock().unwrap_or_else(|e| e.into_inner());
    lines.push(line);
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"));
    let _ = std::fs::create_dir_all(&target);
    let _ = std::fs::write(target.join("fuzz-report.txt"), lines.join("\n") + "\n");
}

/// Runs `f`, turning a panic into its message.
fn no_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        p.downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "non-string panic".to_string())
    })
}

// ------------------------------------------------------------------------------------ specs

/// A step from a node to a child.
#[derive(Clone, Debug)]
enum Step {
    Key(Value),
    Index(usize),
}

/// Every node of the tree, by its path.
fn node_paths(v: &Value) -> Vec<Vec<Step>> {
    let mut out = Vec::new();
    let mut stack = vec![(v, Vec::new())];
    while let Some((v, path)) = stack.pop() {
        match v {
            Value::Mapping(m) => {
                for (k, child) in m {
                    let mut p = path.clone();
                    p.push(Step::Key(k.clone()));
                    stack.push((child, p));
                }
            }
            Value::Sequence(s) => {
                for (i, child) in s.iter().enumerate() {
                    let mut p = path.clone();
                    p.push(Step::Index(i));
                    stack.push((child, p));
                }
            }
            _ => {}
        }
        out.push(path);
    }
    out
}

fn node_mut<'v>(mut v: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    for step in path {
        v = match (v, step) {
            (Value::Mapping(m), Step::Key(k)) => m.get_mut(k)?,
            (Value::Sequence(s), Step::Index(i)) => s.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(v)
}

fn node<'v>(mut v: &'v Value, path: &[Step]) -> Option<&'v Value> {
    for step in path {
        v = match (v, step) {
            (Value::Mapping(m), Step::Key(k)) => m.get(k)?,
            (Value::Sequence(s), Step::Index(i)) => s.get(*i)?,
            _ => return None,
        };
    }
    Some(v)
}

fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).expect("mutation literal")
}

/// A hostile value to put somewhere.
fn hostile_value(rng: &mut Rng) -> Value {
    let texts = [
        ".inf",
        "-.inf",
        ".nan",
        "1e308",
        "-1",
        "0",
        "18446744073709551615",
        "0.1",
        "true",
        "null",
        "[]",
        "{}",
        "''",
        "{type: true}",
        "{type: strin}",
        "{type: array}",
        "{type: array, items: {type: true}}",
        "{type: object, properties: {a: 5}}",
        "{type: object, additionalProperties: {type: string}}",
        "{type: string, enum: [a, a]}",
        "{type: string, enum: [null]}",
        "{type: integer, enum: [1, x]}",
        "{type: string, pattern: '(?=x)'}",
        "{type: string, pattern: '['}",
        "{type: integer, minimum: 10, maximum: 1}",
        "{type: number, multipleOf: 0}",
        "{type: number, multipleOf: -1}",
        "{type: string, minLength: -1}",
        "{type: string, maxLength: 1.5}",
        "{oneOf: [{type: string}]}",
        "{allOf: []}",
        "{not: {}}",
        "{$ref: 5}",
        "{$ref: '#/components/schemas/Nope'}",
        "{$ref: 'http://example.com/x'}",
        "{$ref: '#/components/schemas/'}",
        "{nullable: yes}",
        "{in: cookie, name: c, schema: {type: string}}",
        "{in: path, name: nope, required: true, schema: {type: string}}",
        "{in: query, name: '', schema: {type: string}}",
        "{description: \"```\\nfn main() { compile_error!() }\\n```\\r*/\"}",
    ];
    match rng.below(6) {
        0 => Value::String("x".repeat(rng.below(20_000))),
        1 => Value::String(
            [
                "mod", "fn", "self", "Self", "super", "crate", "core", "std", "serde", "", "_",
                "404", "a\nb", "\u{0}", "```", "*/", "é", "a/b~c", "$ref", "r#type", "+1.+2.+3",
                "01.02.03",
            ][rng.below(22)]
            .to_string(),
        ),
        _ => yaml(rng.pick::<&str>(&texts)),
    }
}

/// `depth` levels of one kind of schema nesting around `inner`.
fn nest(rng: &mut Rng, inner: Value) -> Value {
    let depth = 1 + rng.below(90);
    let kind = rng.below(3);
    let mut v = inner;
    for _ in 0..depth {
        let mut m = serde_yaml::Mapping::new();
        match kind {
            0 => {
                m.insert("type".into(), "array".into());
                m.insert("items".into(), v);
            }
            1 => {
                m.insert("allOf".into(), Value::Sequence(vec![v]));
            }
            _ => {
                let mut props = serde_yaml::Mapping::new();
                props.insert("a".into(), v);
                m.insert("type".into(), "object".into());
                m.insert("properties".into(), Value::Mapping(props));
            }
        }
        v = Value::Mapping(m);
    }
    v
}

/// One structural mutation; returns what it did.
fn mutate_tree(rng: &mut Rng, doc: &mut Value) -> String {
    let paths = node_paths(doc);
    let path = rng.pick(&paths).clone();
    let at = format!("{path:?}");
    match rng.below(8) {
        0 | 1 => {
            let v = hostile_value(rng);
            let what = format!("replace {at} with {v:?}");
            if let Some(n) = node_mut(doc, &path) {
                *n = v;
            }
            what
        }
        2 => {
            let inner = if rng.chance(50) {
                hostile_value(rng)
            } else {
                yaml("{type: string}")
            };
            let v = nest(rng, inner);
            if let Some(n) = node_mut(doc, &path) {
                *n = v;
            }
            format!("nest at {at}")
        }
        3 => {
            // Delete the node from its parent.
            let Some((last, parent)) = path.split_last() else {
                return "delete root (skipped)".into();
            };
            match (node_mut(doc, parent), last) {
                (Some(Value::Mapping(m)), Step::Key(k)) => {
                    m.remove(k);
                }
                (Some(Value::Sequence(s)), Step::Index(i)) if *i < s.len() => {
                    s.remove(*i);
                }
                _ => {}
            }
            format!("delete {at}")
        }
        4 => {
            let from = rng.pick(&paths).clone();
            let copy = node(doc, &from).cloned();
            if let (Some(copy), Some(n)) = (copy, node_mut(doc, &path)) {
                *n = copy;
            }
            format!("copy {from:?} to {at}")
        }
        5 => {
            // Rename a key of a mapping.
            let names = [
                "mod",
                "fn",
                "self",
                "type",
                "core",
                "",
                "a/b~c",
                "x\ny",
                "$ref",
                "operationId",
                "Ping",
                "enum",
                "200",
                "default",
                "x-crate",
            ];
            let name = *rng.pick(&names);
            if let Some(Value::Mapping(m)) = node_mut(doc, &path) {
                let keys: Vec<Value> = m.keys().cloned().collect();
                if !keys.is_empty() {
                    let k = keys[rng.below(keys.len())].clone();
                    if let Some(v) = m.remove(&k) {
                        m.insert(name.into(), v);
                    }
                }
            }
            format!("rename a key of {at} to {name:?}")
        }
        6 => {
            let ops = ["mod", "fn", "self", "core", "x\ny", "", "a b", "Δ", "404"];
            let id = *rng.pick(&ops);
            if let Some(Value::Mapping(m)) = node_mut(doc, &path) {
                m.insert("operationId".into(), id.into());
            }
            format!("operationId {id:?} at {at}")
        }
        _ => {
            let names = ["core", "fn", "serde", "std", "a", "-", "x y", "hss"];
            let versions = [
                "+1.+2.+3",
                "01.02.03",
                "1.0",
                "1.0.0-rc.01",
                "1.0.0",
                "99999999999999999999.0.0",
            ];
            let name = *rng.pick(&names);
            let version = *rng.pick(&versions);
            if let Value::Mapping(m) = doc {
                let mut c = serde_yaml::Mapping::new();
                c.insert("name".into(), name.into());
                c.insert("version".into(), version.into());
                m.insert("x-crate".into(), Value::Mapping(c));
            }
            format!("x-crate {name:?} {version:?}")
        }
    }
}

/// One text mutation; returns what it did.
fn mutate_text(rng: &mut Rng, text: &mut String) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() {
        return "empty".into();
    }
    let i = rng.below(lines.len());
    let mut out: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
    let what = match rng.below(4) {
        0 => {
            out.remove(i);
            format!("drop line {i}")
        }
        1 => {
            out.insert(i, lines[i].to_string());
            format!("repeat line {i}")
        }
        2 => {
            let junk = *rng.pick(&[
                "\t", "{", "[", ":", "'", "\"", "&a", "*a", "!!binary", "- ", "\u{feff}", "\u{0}",
            ]);
            let line = &mut out[i];
            let mut at = rng.below(line.len() + 1);
            while !line.is_char_boundary(at) {
                at -= 1;
            }
            line.insert_str(at, junk);
            format!("insert {junk:?} in line {i}")
        }
        _ => {
            out.truncate(i + 1);
            format!("truncate after line {i}")
        }
    };
    *text = out.join("\n");
    what
}

fn seed_specs() -> Vec<(String, String)> {
    let mut seeds = vec![(
        "spec/hss.yaml".to_string(),
        std::fs::read_to_string(repo().join("spec/hss.yaml")).unwrap(),
    )];
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    fixtures.sort();
    for p in fixtures {
        let name = format!(
            "tests/fixtures/{}",
            p.file_name().unwrap().to_string_lossy()
        );
        seeds.push((name, std::fs::read_to_string(p).unwrap()));
    }
    seeds
}

#[test]
fn mutated_specs_never_panic_or_hang() {
    let seed = env_number("FUZZ_SEED", 0x5EED);
    let scale = env_number("FUZZ_CASES", 1) as usize;
    let mut rng = Rng(seed);
    let mut figures = Figures::default();
    let started = Instant::now();
    for (name, text) in seed_specs() {
        let tree: Value = serde_yaml::from_str(&text).expect("seed spec parses");
        for case in 0..SPEC_CASES_PER_SEED * scale {
            let mut doc = tree.clone();
            let mut steps = Vec::new();
            for _ in 0..1 + rng.below(3) {
                steps.push(mutate_tree(&mut rng, &mut doc));
            }
            let mut spec = serde_yaml::to_string(&doc).unwrap_or_default();
            if rng.chance(20) {
                steps.push(mutate_text(&mut rng, &mut spec));
            }
            let spec_name = if rng.chance(10) {
                "evil\n[dependencies]\nx = \"1\"\r.yaml".to_string()
            } else {
                name.clone()
            };
            let options = generator::Options {
                spec_name,
                crate_name: None,
            };
            let t = Instant::now();
            let result = no_panic(|| generator::generate(&spec, &options));
            let took = t.elapsed();
            let what = || format!("{name} case {case}: {}", steps.join("; "));
            match result {
                Ok(Ok(_)) => figures.ok += 1,
                Ok(Err(_)) => figures.errors += 1,
                Err(panic) => figures.panics.push(format!("{}: {panic}", what())),
            }
            assert!(took < SPEC_BUDGET, "{} took {took:?}", what());
            figures.record(took, what);
        }
    }
    report(format!(
        "fuzz specs (seed {seed:#x}): {} cases in {:.1?}: {} generated, {} spec errors, {} panics; slowest {:.1?} ({})",
        figures.cases,
        started.elapsed(),
        figures.ok,
        figures.errors,
        figures.panics.len(),
        figures.slowest.0,
        figures.slowest.1.chars().take(200).collect::<String>(),
    ));
    assert!(
        figures.panics.is_empty(),
        "panics:\n{}",
        figures.panics.join("\n")
    );
    assert!(
        figures.errors > 0 && figures.ok > 0,
        "the mutations are too weak or too strong"
    );
}

// -------------------------------------------------------------------------------- responses

fn random_json(rng: &mut Rng, depth: usize) -> serde_json::Value {
    use serde_json::Value as J;
    match rng.below(if depth > 4 { 5 } else { 8 }) {
        0 => J::Null,
        1 => J::Bool(rng.chance(50)),
        2 => J::from(rng.next() as i64),
        3 => J::from((rng.next() % 1000) as f64 / 7.0),
        4 => J::String(random_text(rng)),
        5 => J::Array(
            (0..rng.below(4))
                .map(|_| random_json(rng, depth + 1))
                .collect(),
        ),
        _ => {
            let keys = [
                "error_code",
                "error_msg",
                "code",
                "message",
                "request_id",
                "error",
                "error_message",
                "id",
                "task_id",
                "data",
                "",
            ];
            let mut m = serde_json::Map::new();
            for _ in 0..rng.below(5) {
                let k = if rng.chance(70) {
                    rng.pick(&keys).to_string()
                } else {
                    random_text(rng)
                };
                m.insert(k, random_json(rng, depth + 1));
            }
            J::Object(m)
        }
    }
}

/// A size for a long string: mostly up to 64 KiB, now and then up to 1 MiB.
fn big(rng: &mut Rng) -> usize {
    if rng.chance(3) {
        rng.below(1 << 20)
    } else {
        rng.below(1 << 16)
    }
}

fn random_text(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => "x".repeat(big(rng)),
        1 => "\u{1F600}".repeat(rng.below(2_000)),
        2 => "line\r\nX-Injected: 1\u{0}\u{1b}[31m".to_string(),
        3 => String::new(),
        _ => format!("v{}", rng.next() % 1000),
    }
}

fn hostile_body(rng: &mut Rng) -> Vec<u8> {
    let mut body = match rng.below(8) {
        0 => Vec::new(),
        1 => format!(
            "{}{}",
            "[".repeat(rng.below(5_000)),
            "]".repeat(rng.below(5_000))
        )
        .into_bytes(),
        2 => format!(
            "<html><body><h1>{}</h1>{}</body></html>",
            random_text(rng),
            "<p>x</p>".repeat(rng.below(2_000))
        )
        .into_bytes(),
        3 => (0..rng.below(4096)).map(|_| rng.next() as u8).collect(),
        4 => {
            let big = "y".repeat(big(rng));
            format!(r#"{{"error_code":"{big}","error_msg":"{big}","request_id":"{big}"}}"#)
                .into_bytes()
        }
        5 => format!(
            r#"{{"error":{{"code":{},"message":{}}}}}"#,
            random_json(rng, 3),
            random_json(rng, 3)
        )
        .into_bytes(),
        _ => serde_json::to_vec(&random_json(rng, 0)).unwrap(),
    };
    if rng.chance(15) && !body.is_empty() {
        let cut = rng.below(body.len());
        body.truncate(cut);
    }
    body
}

fn hostile_headers(rng: &mut Rng) -> http::HeaderMap {
    let mut headers = http::HeaderMap::new();
    if rng.chance(70) {
        let value: Vec<u8> = match rng.below(4) {
            0 => vec![b'r'; big(rng)],
            1 => "req-\u{e9}\u{1F600}".as_bytes().to_vec(),
            2 => b"   ".to_vec(),
            _ => format!("req-{}", rng.next()).into_bytes(),
        };
        if let Ok(v) = http::HeaderValue::from_bytes(&value) {
            headers.insert("x-request-id", v);
        }
    }
    if rng.chance(30) {
        let v = *rng.pick(&[
            "0",
            "20",
            "99999999999999999999999",
            "-1",
            "Wed, 21 Oct 2015 07:28:00 GMT",
            "soon",
            "",
        ]);
        if let Ok(v) = http::HeaderValue::from_str(v) {
            headers.insert("retry-after", v);
        }
    }
    headers
}

#[test]
fn hostile_responses_never_panic_and_errors_stay_bounded() {
    use huaweicloud_hss::client::SERVICE;
    use huaweicloud_hss::operations::{
        CreateGlobalAssetScanTaskRequest, CreateManualImageScanTaskRequest, CreateTaskRequest,
    };
    use huaweicloud_hss::runtime::{parse_response, Error, NoContent};
    use huaweicloud_hss::Operation;

    /// Runs one parser; returns the error's Display and Debug lengths.
    fn lengths<T>(r: Result<T, Error>) -> Option<(usize, usize)> {
        r.err()
            .map(|e| (e.to_string().len(), format!("{e:?}").len()))
    }
    type Parser = fn(http::StatusCode, &http::HeaderMap, &[u8]) -> Option<(usize, usize)>;
    let parsers: [(&str, Parser); 5] = [
        ("CreateTask", |s, h, b| {
            lengths(CreateTaskRequest::parse_response(s, h, b))
        }),
        ("CreateGlobalAssetScanTask", |s, h, b| {
            lengths(CreateGlobalAssetScanTaskRequest::parse_response(s, h, b))
        }),
        ("CreateManualImageScanTask", |s, h, b| {
            lengths(CreateManualImageScanTaskRequest::parse_response(s, h, b))
        }),
        ("json", |s, h, b| {
            lengths(parse_response::<serde_json::Value>(
                &SERVICE.errors,
                s,
                h,
                b,
            ))
        }),
        ("no content", |s, h, b| {
            lengths(parse_response::<NoContent>(&SERVICE.errors, s, h, b))
        }),
    ];

    let seed = env_number("FUZZ_SEED", 0x5EED);
    let scale = env_number("FUZZ_CASES", 1) as usize;
    let mut rng = Rng(seed ^ 0xB0D1);
    let mut figures = Figures::default();
    let mut largest = (0, 0);
    let started = Instant::now();
    for case in 0..RESPONSE_CASES * scale {
        let status = *rng.pick(&[
            200u16, 201, 202, 204, 299, 400, 401, 403, 404, 429, 500, 502, 503, 504, 599, 100,
        ]);
        let status = http::StatusCode::from_u16(status).unwrap();
        let headers = hostile_headers(&mut rng);
        let body = hostile_body(&mut rng);
        let (name, parse) = rng.pick(&parsers);
        let t = Instant::now();
        let result = no_panic(|| parse(status, &headers, &body));
        let took = t.elapsed();
        let what = || {
            format!(
                "case {case}: {name}, status {status}, body of {} bytes",
                body.len()
            )
        };
        match result {
            Ok(None) => figures.ok += 1,
            Ok(Some((display, debug))) => {
                figures.errors += 1;
                largest = (largest.0.max(display), largest.1.max(debug));
                assert!(
                    display <= MAX_DISPLAY,
                    "{}: Display of {display} bytes",
                    what()
                );
                assert!(debug <= MAX_DEBUG, "{}: Debug of {debug} bytes", what());
            }
            Err(panic) => figures.panics.push(format!("{}: {panic}", what())),
        }
        assert!(took < RESPONSE_BUDGET, "{} took {took:?}", what());
        figures.record(took, what);
    }
    report(format!(
        "fuzz responses (seed {seed:#x}): {} cases in {:.1?}: {} parsed, {} errors, {} panics; largest error Display {} B, Debug {} B; slowest {:.1?} ({})",
        figures.cases,
        started.elapsed(),
        figures.ok,
        figures.errors,
        figures.panics.len(),
        largest.0,
        largest.1,
        figures.slowest.0,
        figures.slowest.1,
    ));
    assert!(
        figures.panics.is_empty(),
        "panics:\n{}",
        figures.panics.join("\n")
    );
    assert!(figures.errors > 0 && figures.ok > 0);
}
