//! `cargo xtask docs check` and `cargo xtask docs import` on fixture pages of our own
//! (`tests/fixtures/docs/`: one page in each capture format, a page that is not in English, and a
//! page that drifted from `widgets.yaml` in every way a finding knows), and, when the vendor's saved
//! pages are available (`HSS_DOC_PAGES`, set by `.ci/run` when `../shared/docs` exists next to the
//! clone), on the real pages against `spec/hss.yaml` and the history fixture.

use generator::ir::{Api, Operation, Shape, TypeDef, TypeKind, TypeRef};
use serde_yaml::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use xtask::docs::compare::{Finding, Kind, Report};
use xtask::docs::page::{self, Page};
use xtask::docs::prose::{self, Fact};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// A file of the repository: its repository-relative name and its text.
fn file(rel: &str) -> (String, String) {
    let text = std::fs::read_to_string(repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    (rel.to_string(), text)
}

const SPEC: &str = "tests/fixtures/docs/widgets.yaml";
const PLAIN: &str = "tests/fixtures/docs/widgets.plain.txt";
const ROWS: &str = "tests/fixtures/docs/widgets.rows.txt";
const MARKDOWN: &str = "tests/fixtures/docs/widgets.md";
const CHINESE: &str = "tests/fixtures/docs/widgets.zh.md";
const DRIFT: &str = "tests/fixtures/docs/widgets-drift.plain.txt";

fn parse(rel: &str) -> Page {
    let (name, text) = file(rel);
    page::parse(&name, &text).unwrap_or_else(|e| panic!("{e}"))
}

fn check_with(spec: (&str, &str), pages: &[&str]) -> anyhow::Result<Report> {
    let pages: Vec<(String, String)> = pages.iter().map(|p| file(p)).collect();
    xtask::docs::check(spec.0, spec.1, &pages)
}

fn check(pages: &[&str]) -> Report {
    let (name, text) = file(SPEC);
    check_with((&name, &text), pages).unwrap_or_else(|e| panic!("{e:#}"))
}

fn undecided(r: &Report) -> Vec<&Finding> {
    r.undecided().collect()
}

/// The structure of a page, without line numbers: what must not depend on the capture format.
fn structure(p: &Page) -> String {
    let rows = |rows: &[page::Row]| {
        rows.iter()
            .map(|r| format!("{} {:?} {:?}", r.name, r.mandatory, r.ty))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut out = format!(
        "{} {} | {:?} | {:?}\n",
        p.method, p.path, p.title, p.function
    );
    for (loc, r) in &p.params {
        out += &format!("{} {}\n", loc.as_str(), rows(std::slice::from_ref(r)));
    }
    out += &format!(
        "body: {}\n",
        rows(&p.body.table.as_ref().expect("a body").rows)
    );
    for (name, t) in &p.body.objects {
        out += &format!("object {name}: {}\n", rows(&t.rows));
    }
    for r in &p.responses {
        out += &format!(
            "response {}: {}\n",
            r.status,
            rows(&r.body.table.as_ref().expect("a table").rows)
        );
        for (name, t) in &r.body.objects {
            out += &format!("response object {name}: {}\n", rows(&t.rows));
        }
    }
    out += &format!(
        "examples: {:?} {:?} {:?} {:?}\n",
        p.example_url.as_ref().map(|e| &e.1),
        p.request_example.as_ref().map(|e| &e.value),
        p.response_examples
            .iter()
            .map(|(s, e)| (s, &e.value))
            .collect::<Vec<_>>(),
        p.status_codes
    );
    out
}

#[test]
fn the_three_capture_formats_read_into_the_same_tables() {
    let plain = parse(PLAIN);
    assert_eq!(plain.capture, xtask::docs::capture::Capture::Plain);
    assert_eq!(parse(ROWS).capture, xtask::docs::capture::Capture::Rows);
    assert_eq!(
        parse(MARKDOWN).capture,
        xtask::docs::capture::Capture::Markdown
    );
    let s = structure(&plain);
    assert_eq!(structure(&parse(ROWS)), s);
    assert_eq!(structure(&parse(MARKDOWN)), s);
    // Titled tables (plain) and untitled ones (by the order of the rows that name them) agree on
    // which object each nested table documents.
    let names: Vec<&str> = plain.body.objects.iter().map(|(n, _)| n.as_str()).collect();
    let referenced: Vec<String> = plain
        .body
        .table
        .as_ref()
        .unwrap()
        .rows
        .iter()
        .filter_map(|r| r.ty.object_name().map(str::to_string))
        .collect();
    assert_eq!(names, referenced);
    assert!(plain
        .params
        .iter()
        .any(|(l, r)| *l == page::Location::Header && r.name == "X-Auth-Token"));
    assert_eq!(plain.responses.len(), 1);
    let response_objects: Vec<&str> = plain.responses[0]
        .body
        .objects
        .iter()
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(response_objects, ["owner"]);
    // Row lines point at the row's name in the file.
    let (_, text) = file(PLAIN);
    for (_, r) in &plain.params {
        assert_eq!(
            text.lines().nth(r.line - 1).map(str::trim),
            Some(r.name.as_str())
        );
    }
    let (_, text) = file(MARKDOWN);
    for r in &parse(MARKDOWN).body.table.unwrap().rows {
        assert!(text
            .lines()
            .nth(r.line - 1)
            .unwrap()
            .starts_with(&format!("| {} |", r.name)));
    }
}

/// The facts extracted from each row of a page, by row name.
fn facts(p: &Page) -> BTreeMap<String, prose::Facts> {
    let mut rows: Vec<&page::Row> = p.params.iter().map(|(_, r)| r).collect();
    rows.extend(p.body.table.iter().flat_map(|t| &t.rows));
    rows.extend(p.body.objects.iter().flat_map(|(_, t)| &t.rows));
    rows.extend(
        p.responses
            .iter()
            .flat_map(|r| r.body.table.iter().flat_map(|t| &t.rows)),
    );
    rows.into_iter()
        .map(|r| {
            (
                r.name.clone(),
                prose::facts(&prose::parse(&r.description), &r.ty, p.capture),
            )
        })
        .collect()
}

fn bounds(f: &Fact<prose::Bounds>) -> Option<(Option<i128>, Option<i128>)> {
    f.value().copied()
}

#[test]
fn every_extraction_rule_reads_the_plain_page() {
    let f = facts(&parse(PLAIN));
    // Lengths, with a thousands separator, and "up to".
    assert_eq!(bounds(&f["name"].length), Some((Some(1), Some(32768))));
    assert_eq!(bounds(&f["X-Trace-Id"].length), Some((None, Some(64))));
    assert_eq!(bounds(&f["widget_id"].length), Some((Some(1), Some(36))));
    // Ranges ("Value range: X to Y", and in a one-sentence description).
    assert_eq!(
        bounds(&f["size"].range),
        Some((Some(0), Some(i64::MAX as i128)))
    );
    assert_eq!(bounds(&f["limit"].range), Some((Some(1), Some(500))));
    assert_eq!(bounds(&f["rate"].range), Some((Some(0), Some(1000))));
    // Item counts on an array.
    assert_eq!(bounds(&f["tags"].items), Some((Some(0), Some(200))));
    assert_eq!(f["tags"].length, Fact::Silent);
    // Enumerated values: in a Range part, after "as follows:", on an array's items.
    let values = |n: &str| {
        f[n].values
            .value()
            .map(|v| v.iter().map(|(v, _)| v.clone()).collect::<Vec<_>>())
    };
    assert_eq!(
        values("mode"),
        Some(vec!["fast".to_string(), "full".into()])
    );
    assert_eq!(
        values("shape"),
        Some(vec!["round".to_string(), "square".into()])
    );
    assert_eq!(
        values("kinds"),
        Some(vec!["red".to_string(), "blue".into()])
    );
    assert_eq!(f["kinds"].values.value().unwrap()[1].1, "blue widget");
    // A boolean's true/false bullets explain it; they are not an enum.
    assert_eq!(f["enabled"].values, Fact::Silent);
    // Defaults: a Default Value part, with and without a meaning, and a sentence.
    assert_eq!(f["mode"].default.value().map(String::as_str), Some("fast"));
    assert_eq!(f["limit"].default.value().map(String::as_str), Some("10"));
    assert_eq!(f["rate"].default.value().map(String::as_str), Some("5"));
    assert_eq!(f["name"].default, Fact::Silent);
}

#[test]
fn lossy_captures_say_not_stated_never_drift() {
    for lossy in [ROWS, MARKDOWN] {
        let f = facts(&parse(lossy));
        // The Range part is empty: the list was dropped.
        assert!(matches!(f["mode"].values, Fact::NotStated(_)), "{lossy}");
        assert!(matches!(f["kinds"].values, Fact::NotStated(_)), "{lossy}");
        // "The options are as follows:" with nothing after it.
        assert!(matches!(f["shape"].values, Fact::NotStated(_)), "{lossy}");
        // What survives a lossy capture is still read.
        assert_eq!(
            bounds(&f["name"].length),
            Some((Some(1), Some(32768))),
            "{lossy}"
        );
        assert_eq!(
            f["mode"].default.value().map(String::as_str),
            Some("fast"),
            "{lossy}"
        );

        let r = check(&[lossy]);
        assert!(undecided(&r).is_empty(), "{lossy}: {:#?}", undecided(&r));
        let not_stated: Vec<(&str, &str)> = r
            .not_stated
            .iter()
            .map(|n| (n.location.as_str(), n.what.as_str()))
            .collect();
        for expected in [
            "CreateWidget query.mode",
            "CreateWidget body.kinds",
            "CreateWidget body.shape",
        ] {
            assert!(
                not_stated.contains(&(expected, "enum values")),
                "{lossy}: {not_stated:?}"
            );
        }
    }
}

#[test]
fn the_plain_page_matches_its_spec_with_two_decided_differences() {
    let r = check(&[PLAIN]);
    assert!(undecided(&r).is_empty(), "{:#?}", undecided(&r));
    assert!(r.not_stated.is_empty(), "{:#?}", r.not_stated);
    let decided: Vec<(Kind, &str, &str)> = r
        .findings
        .iter()
        .map(|f| (f.kind, f.location.as_str(), f.pointer.as_str()))
        .collect();
    assert_eq!(
        decided,
        [
            (
                Kind::ParameterAdded,
                "CreateWidget header.X-Auth-Token",
                "#/components/securitySchemes/token"
            ),
            (
                Kind::MandatoryChanged,
                "CreateWidget body.shape",
                "#/components/schemas/CreateWidgetRequestBody"
            ),
        ]
    );
    assert!(r
        .findings
        .iter()
        .all(|f| f.decided() && f.status == "decided"));
    assert!(r.to_markdown().contains("**No undecided drift**"));
}

#[test]
fn the_drifted_page_reports_every_kind_of_finding() {
    let r = check(&[DRIFT]);
    let got: Vec<(Kind, &str)> = undecided(&r)
        .iter()
        .map(|f| (f.kind, f.location.as_str()))
        .collect();
    let expected = [
        (Kind::EnumValueAdded, "CreateWidget query.mode"),
        (Kind::DefaultChanged, "CreateWidget query.mode"),
        (Kind::LimitChanged, "CreateWidget query.limit"),
        (Kind::ParameterAdded, "CreateWidget query.verbose"),
        (Kind::ParameterRemoved, "CreateWidget header.X-Trace-Id"),
        (Kind::DescriptionChanged, "CreateWidget body.name"),
        (Kind::TypeChanged, "CreateWidget body.size"),
        (Kind::LimitRemoved, "CreateWidget body.tags"),
        (Kind::MandatoryChanged, "CreateWidget body.kinds"),
        (Kind::EnumValueRemoved, "CreateWidget body.kinds"),
        (Kind::FieldAdded, "CreateWidget body.color"),
        (Kind::FieldRemoved, "CreateWidget body.owner.email"),
        (Kind::LimitAdded, "CreateWidget body.parts[].label"),
        (Kind::DescriptionChanged, "CreateWidget body.parts[].label"),
        (Kind::ExampleChanged, "CreateWidget response 200 example"),
    ];
    assert_eq!(got, expected);
    for kind in Kind::ALL {
        assert!(got.iter().any(|(k, _)| *k == kind), "no {kind:?} finding");
    }
    // The decided ones stay decided.
    assert_eq!(r.findings.iter().filter(|f| f.decided()).count(), 2);

    let find = |kind: Kind, loc: &str| {
        *undecided(&r)
            .iter()
            .find(|f| f.kind == kind && f.location == loc)
            .unwrap()
    };
    let (_, text) = file(DRIFT);
    let line_of = |needle: &str| text.lines().position(|l| l.trim() == needle).unwrap() + 1;
    let f = find(Kind::LimitChanged, "CreateWidget query.limit");
    assert_eq!(
        (f.page_file.as_str(), f.page_line),
        (DRIFT, line_of("limit"))
    );
    assert_eq!(f.page, "Value range: 1 to 1000.");
    assert_eq!(f.spec, "minimum: 1, maximum: 500");
    assert_eq!(f.suggestion, "minimum: 1\nmaximum: 1000");
    assert_eq!(
        f.pointer,
        "#/paths/~1v1~1{project_id}~1widgets/post/parameters/2/schema"
    );
    let f = find(Kind::MandatoryChanged, "CreateWidget body.kinds");
    assert_eq!(f.pointer, "#/components/schemas/CreateWidgetRequestBody");
    assert_eq!(f.suggestion, "required: [name, shape]");
    let f = find(Kind::EnumValueAdded, "CreateWidget query.mode");
    assert_eq!(f.pointer, "#/components/schemas/WidgetMode");
    assert!(
        f.suggestion.starts_with("enum: [fast, full, safe]"),
        "{}",
        f.suggestion
    );
    let f = find(Kind::TypeChanged, "CreateWidget body.size");
    assert_eq!(
        (f.page.as_str(), f.spec.as_str()),
        ("Type: Integer", "integer (int64)")
    );
    assert_eq!(f.suggestion, "type: integer\nformat: int32");
    let f = find(Kind::DescriptionChanged, "CreateWidget body.name");
    assert_eq!(
        (f.page.as_str(), f.spec.as_str()),
        ("Widget display name.", "Widget name.")
    );
    assert!(
        f.suggestion
            .starts_with("description: |-\n  Definition: Widget display name.\n"),
        "{}",
        f.suggestion
    );
    let f = find(Kind::FieldAdded, "CreateWidget body.color");
    assert!(
        f.suggestion
            .starts_with("color:\n  type: string\n  description: Color of the widget."),
        "{}",
        f.suggestion
    );

    // JSON: a `findings` list with kind, operation, location, page and spec.
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), r.findings.len());
    for f in findings {
        for key in [
            "kind",
            "operation",
            "location",
            "pointer",
            "page",
            "spec",
            "suggestion",
            "status",
        ] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
    }
    assert_eq!(findings[0]["kind"], "enum-value-added");
    // Markdown: one table per operation, the suggestions, the decided list.
    let md = r.to_markdown();
    assert!(md.starts_with("## Doc page check"));
    assert!(md.contains("**15 undecided finding(s)**"));
    assert!(md.contains("### Operation `CreateWidget`"));
    assert!(md.contains("### Decided differences"));
}

#[test]
fn a_decision_holds_for_the_page_text_it_names() {
    let (name, text) = file(SPEC);
    let stale = text.replace("page: \"Mandatory: No\"", "page: \"Mandatory: Maybe\"");
    assert_ne!(stale, text);
    let r = check_with((&name, &stale), &[PLAIN]).unwrap();
    let open: Vec<(Kind, &str)> = r
        .undecided()
        .map(|f| (f.kind, f.location.as_str()))
        .collect();
    assert_eq!(open, [(Kind::MandatoryChanged, "CreateWidget body.shape")]);
    // The decision that no longer matches is listed for removal (and does not fail by itself).
    let unused: Vec<(&str, &str)> = r
        .unused_decisions
        .iter()
        .map(|d| (d.pointer.as_str(), d.kind.as_str()))
        .collect();
    assert_eq!(
        unused,
        [(
            "#/components/schemas/CreateWidgetRequestBody",
            "mandatory-changed"
        )]
    );
    assert!(r.to_markdown().contains("### Decisions no finding needs"));
    assert!(check(&[PLAIN]).unused_decisions.is_empty());
}

#[test]
fn malformed_decisions_are_errors_at_their_pointer() {
    let (name, text) = file(SPEC);
    let at = "#/components/schemas/CreateWidgetRequestBody/x-doc-decisions/0";
    for (from, to, message) in [
        (
            "kind: mandatory-changed",
            "kind: mandatory-flipped",
            "unknown finding kind",
        ),
        (
            "reason: Every widget has a shape; the prose of the page says so.",
            "",
            "needs a `reason`",
        ),
        ("name: shape", "field: shape", "unknown key \"field\""),
    ] {
        let broken = text.replace(from, to);
        assert_ne!(broken, text, "{from}");
        let e = format!("{:#}", check_with((&name, &broken), &[PLAIN]).unwrap_err());
        assert!(e.contains(at) && e.contains(message), "{e}");
        assert!(e.starts_with(SPEC), "{e}");
    }
}

#[test]
fn a_page_not_in_english_is_not_stated_never_drift() {
    let p = parse(CHINESE);
    assert_eq!(
        structure(&p).lines().skip(1).collect::<Vec<_>>().len(),
        structure(&parse(PLAIN)).lines().skip(1).count()
    );
    let r = check(&[CHINESE]);
    assert!(undecided(&r).is_empty(), "{:#?}", undecided(&r));
    assert_eq!(r.findings.iter().filter(|f| f.decided()).count(), 2);
    let english = check(&[PLAIN]);
    // Everything the spec constrains is "not stated" (the plain page states all of it).
    let whats: Vec<(&str, &str)> = r
        .not_stated
        .iter()
        .map(|n| (n.location.as_str(), n.what.as_str()))
        .collect();
    for expected in [
        ("CreateWidget body.name", "length"),
        ("CreateWidget body.size", "range"),
        ("CreateWidget body.tags", "item count"),
        ("CreateWidget body.kinds", "enum values"),
        ("CreateWidget query.mode", "default"),
    ] {
        assert!(whats.contains(&expected), "{expected:?} in {whats:?}");
    }
    assert!(r
        .not_stated
        .iter()
        .all(|n| n.why == "the description is not in English"));
    assert!(english.not_stated.is_empty());
}

#[test]
fn unreadable_pages_and_unknown_operations_name_the_line() {
    let (_, md) = file(MARKDOWN);
    let cases: Vec<(String, &str, &str)> = vec![
        (
            "Creating a Widget\nFunction\nNothing here.\n".into(),
            "page.md: ",
            "no `METHOD /path` line",
        ),
        (
            md.replacen("| mode | Yes |", "| mode | Perhaps |", 1),
            "page.md:11: ",
            "must be Yes or No, found \"Perhaps\"",
        ),
        (
            md.replacen("| size | No | Long |", "| size | No | Lonk |", 1),
            "page.md:",
            "unknown type \"Lonk\"",
        ),
        (
            md.replacen("| Definition Widget ID.", "| Definition | Widget ID.", 1),
            "page.md:",
            "the row has 4 cells, the table header 3",
        ),
        (
            md.replacen(
                "| owner | No | owner object |",
                "| owner | No | String |",
                1,
            ),
            "page.md:",
            "no `xxx object` row refers to",
        ),
        (
            md.replacen("{ \"widget_id\"", "{ widget_id", 1),
            "page.md:",
            "the example is not valid JSON",
        ),
        (
            md.replacen(
                "POST /v1/{project_id}/widgets",
                "POST /v1/{project_id}/gadgets",
                1,
            ),
            "page.md:5: ",
            "operation `POST /v1/{project_id}/gadgets` is not in tests/fixtures/docs/widgets.yaml",
        ),
    ];
    let (spec_name, spec_text) = file(SPEC);
    for (text, prefix, message) in cases {
        assert_ne!(text, md, "{message}");
        let e = format!(
            "{:#}",
            xtask::docs::check(&spec_name, &spec_text, &[("page.md".into(), text)]).unwrap_err()
        );
        assert!(e.starts_with(prefix) && e.contains(message), "{e}");
        // A line, when given, is a number.
        if prefix.ends_with(':') {
            assert!(
                e["page.md:".len()..]
                    .split(':')
                    .next()
                    .unwrap()
                    .parse::<usize>()
                    .is_ok(),
                "{e}"
            );
        }
    }
    let (_, rows) = file(ROWS);
    let cut = rows
        .lines()
        .take_while(|l| *l != "Request Parameters")
        .collect::<Vec<_>>();
    let truncated = cut[..cut.len() - 1].join("\n");
    let e = page::parse("rows.txt", &truncated).unwrap_err().to_string();
    assert!(
        e.starts_with("rows.txt:") && e.contains("ends before its 4 cells"),
        "{e}"
    );
}

#[test]
fn response_objects_are_compared_with_their_own_tables() {
    let (_, md) = file(MARKDOWN);
    let cut = md.replacen(
        "| email | String | Owner email. |\nExample Requests",
        "Example Requests",
        1,
    );
    assert_ne!(cut, md);
    let (spec_name, spec_text) = file(SPEC);
    let r = xtask::docs::check(&spec_name, &spec_text, &[("page.md".into(), cut)]).unwrap();
    let open: Vec<(Kind, &str)> = r
        .undecided()
        .map(|f| (f.kind, f.location.as_str()))
        .collect();
    // The request's owner table still lists email; only the response's lost it.
    assert_eq!(
        open,
        [(Kind::FieldRemoved, "CreateWidget response 200.owner.email")]
    );
}

#[test]
fn damaged_pages_give_errors_or_reports_never_panics() {
    let (spec_name, spec_text) = file(SPEC);
    let spec = xtask::docs::spec::Spec::load(&spec_name, &spec_text).unwrap();
    for rel in [PLAIN, ROWS, MARKDOWN, CHINESE, DRIFT] {
        let (_, text) = file(rel);
        let lines: Vec<&str> = text.lines().collect();
        // Every fourth line, to keep the test quick in debug builds.
        for cut in (0..lines.len()).step_by(4) {
            // The page cut short, a line dropped, and a range preceded by a multi-byte character.
            let variants = [
                lines[..cut].join("\n"),
                [&lines[..cut], &lines[cut + 1..]].concat().join("\n"),
                lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        if i == cut {
                            l.replace(" to ", " µ5 to ")
                        } else {
                            l.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            ];
            for v in variants {
                if let Ok(p) = page::parse("p", &v) {
                    let _ = xtask::docs::check_pages(&spec, std::slice::from_ref(&p));
                    let _ = xtask::docs::import::import(&p, Some(&spec));
                }
            }
        }
    }
}

fn args(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_exit_status_is_1_on_undecided_drift() {
    let spec = repo().join(SPEC);
    let spec = spec.to_str().unwrap();
    let page = |p: &str| repo().join(p).to_string_lossy().into_owned();
    let run = |a: Vec<String>| xtask::docs::run(&a).unwrap();
    assert_eq!(
        run(args(&["check", "--spec", spec, &page(PLAIN), &page(ROWS)])),
        ExitCode::SUCCESS
    );
    assert_eq!(
        run(args(&[
            "check",
            "--spec",
            spec,
            "--format",
            "json",
            &page(DRIFT)
        ])),
        ExitCode::from(1)
    );
    for bad in [
        args(&["check", "--spec", spec]),
        args(&["check", "--format", "html", &page(PLAIN)]),
        args(&["import", &page(PLAIN), &page(ROWS)]),
        args(&["frobnicate"]),
        args(&[
            "check",
            "--spec",
            spec,
            &page("tests/fixtures/docs/no-such-page.txt"),
        ]),
    ] {
        assert!(xtask::docs::run(&bad).is_err(), "{bad:?}");
    }
}

// ------------------------------------------------------------------ import

/// A test-owned patch that fills the TODOs of a draft: `rename` component schemas (and every
/// `$ref` to them), `delete` keys (`/`-separated paths), then `merge` a YAML overlay (mappings
/// merged, anything else replaced).
fn apply_patch(draft: &str, patch: &Value) -> Value {
    let mut doc: Value = serde_yaml::from_str(draft).expect("the draft is YAML");
    if let Some(Value::Mapping(renames)) = patch.get("rename") {
        for (from, to) in renames {
            let (from, to) = (from.as_str().unwrap(), to.as_str().unwrap());
            let schemas = doc["components"]["schemas"].as_mapping_mut().unwrap();
            let v = schemas
                .remove(from)
                .unwrap_or_else(|| panic!("the draft has no schema {from}"));
            schemas.insert(Value::from(to), v);
            rename_refs(
                &mut doc,
                &format!("#/components/schemas/{from}"),
                &format!("#/components/schemas/{to}"),
            );
        }
    }
    if let Some(Value::Sequence(paths)) = patch.get("delete") {
        for path in paths {
            let path: Vec<&str> = path.as_str().unwrap().split('/').collect();
            let (last, parents) = path.split_last().unwrap();
            let mut node = &mut doc;
            for key in parents {
                node = node
                    .get_mut(*key)
                    .unwrap_or_else(|| panic!("delete: no {key} in {path:?}"));
            }
            node.as_mapping_mut()
                .and_then(|m| m.remove(*last))
                .unwrap_or_else(|| panic!("delete: no {path:?} in the draft"));
        }
    }
    if let Some(overlay) = patch.get("merge") {
        merge(&mut doc, overlay);
    }
    doc
}

fn rename_refs(v: &mut Value, from: &str, to: &str) {
    match v {
        Value::Mapping(m) => {
            for (k, child) in m.iter_mut() {
                if k.as_str() == Some("$ref") && child.as_str() == Some(from) {
                    *child = Value::from(to);
                } else {
                    rename_refs(child, from, to);
                }
            }
        }
        Value::Sequence(s) => s.iter_mut().for_each(|c| rename_refs(c, from, to)),
        _ => {}
    }
}

fn merge(into: &mut Value, overlay: &Value) {
    match (into, overlay) {
        (Value::Mapping(a), Value::Mapping(b)) => {
            for (k, v) in b {
                match a.get_mut(k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        a.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (slot, v) => *slot = v.clone(),
    }
}

/// The spec with the draft's path item and component schemas in place of its own.
fn assemble(spec_text: &str, draft: &Value) -> String {
    let mut spec: Value = serde_yaml::from_str(spec_text).unwrap();
    for (path, item) in draft["paths"].as_mapping().unwrap() {
        spec["paths"]
            .as_mapping_mut()
            .unwrap()
            .insert(path.clone(), item.clone());
    }
    if let Some(Value::Mapping(schemas)) = draft.get("components").and_then(|c| c.get("schemas")) {
        for (name, schema) in schemas {
            spec["components"]["schemas"]
                .as_mapping_mut()
                .unwrap()
                .insert(name.clone(), schema.clone());
        }
    }
    serde_yaml::to_string(&spec).unwrap()
}

fn lower(name: &str, text: &str) -> Api {
    let options = generator::Options {
        spec_name: name.to_string(),
        crate_name: None,
    };
    generator::lower_spec(text, &options).unwrap_or_else(|e| panic!("{e}"))
}

/// The operation at `METHOD path` and every named type it reaches.
fn operation_ir(api: &Api, method: &str, path: &str) -> (Operation, BTreeMap<String, TypeDef>) {
    let op = api
        .operations
        .iter()
        .find(|o| o.method.as_str() == method && o.path == path)
        .unwrap_or_else(|| panic!("no {method} {path}"))
        .clone();
    let mut types = BTreeMap::new();
    let mut todo: Vec<TypeRef> = op.params.iter().map(|p| p.shape.ty.clone()).collect();
    todo.extend(op.body.iter().map(|b| b.ty.clone()));
    todo.extend(op.responses.iter().filter_map(|r| r.body.clone()));
    while let Some(t) = todo.pop() {
        match t {
            TypeRef::Array(item) => todo.push(item.ty.clone()),
            TypeRef::Named(n) if !types.contains_key(&n) => {
                let def = api.type_def(&n).unwrap().clone();
                if let TypeKind::Struct(s) = &def.kind {
                    todo.extend(s.fields.iter().map(|f: &generator::ir::Field| {
                        let shape: &Shape = &f.shape;
                        shape.ty.clone()
                    }));
                }
                types.insert(n, def);
            }
            _ => {}
        }
    }
    (op, types)
}

/// `docs import` of a page, patched, put into the spec in place of the operation: the lowered
/// operation and its types equal the spec's own.
fn assert_import_regenerates(
    spec_rel: &str,
    spec_text: &str,
    page_name: &str,
    page_text: &str,
    patch_rel: &str,
) {
    let draft =
        xtask::docs::import_text(page_name, page_text, Some((spec_rel, spec_text))).unwrap();
    let patch: Value = serde_yaml::from_str(&file(patch_rel).1).unwrap();
    let patched = apply_patch(&draft, &patch);
    let rebuilt = assemble(spec_text, &patched);
    let p = page::parse(page_name, page_text).unwrap();
    let (op_a, types_a) = operation_ir(&lower(spec_rel, spec_text), &p.method, &p.path);
    let (op_b, types_b) = operation_ir(&lower(spec_rel, &rebuilt), &p.method, &p.path);
    assert_eq!(op_b, op_a, "{page_name}: the operation differs\n{draft}");
    assert_eq!(
        types_b.keys().collect::<Vec<_>>(),
        types_a.keys().collect::<Vec<_>>(),
        "{page_name}"
    );
    for (name, a) in &types_a {
        assert_eq!(
            &types_b[name], a,
            "{page_name}: type {name} differs\n{draft}"
        );
    }
}

#[test]
fn import_of_the_plain_page_regenerates_the_operation() {
    let (spec_name, spec_text) = file(SPEC);
    let (page_name, page_text) = file(PLAIN);
    assert_import_regenerates(
        &spec_name,
        &spec_text,
        &page_name,
        &page_text,
        "tests/fixtures/docs/import/widgets.plain.yaml",
    );
}

#[test]
fn import_marks_what_a_lossy_page_leaves_open() {
    let (spec_name, spec_text) = file(SPEC);
    for lossy in [ROWS, MARKDOWN] {
        let (name, text) = file(lossy);
        let draft = xtask::docs::import_text(&name, &text, Some((&spec_name, &spec_text))).unwrap();
        for field in ["query.mode", "body.kinds", "body.shape"] {
            assert!(
                draft.lines().any(|l| l.starts_with("# TODO line")
                    && l.contains(field)
                    && l.contains("enum")),
                "{lossy}: no TODO for {field}\n{draft}"
            );
        }
        let doc: Value = serde_yaml::from_str(&draft).unwrap();
        assert_eq!(
            doc["components"]["schemas"]["Shape"]["enum"][0],
            Value::from("TODO")
        );
        // What the page does state is in the draft.
        let body = &doc["components"]["schemas"]["CreateWidgetRequestBody"];
        assert_eq!(body["properties"]["name"]["maxLength"], Value::from(32768));
        assert_eq!(
            body["required"],
            serde_yaml::from_str::<Value>("[name, kinds]").unwrap()
        );
    }
    // Without a spec, the credential header is a parameter with a TODO.
    let (name, text) = file(PLAIN);
    let draft = xtask::docs::import_text(&name, &text, None).unwrap();
    assert!(
        draft.contains("header X-Auth-Token: a credential"),
        "{draft}"
    );
    assert!(draft.contains("name: X-Auth-Token"));
}

// ------------------------------------------------------------------ the real pages

/// The vendor's saved pages, when `HSS_DOC_PAGES` names their folder (`.ci/run` sets it when
/// `../shared/docs` exists next to the clone). Without it, the real-page tests have nothing to
/// read and say so.
fn real_pages() -> Option<Vec<(String, String)>> {
    let dir = std::env::var_os("HSS_DOC_PAGES")?;
    let dir = PathBuf::from(dir);
    let mut pages: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("HSS_DOC_PAGES={}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "txt" || x == "md")
                && p.file_name().is_some_and(|n| n != "README.md")
        })
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    pages.sort();
    assert!(
        !pages.is_empty(),
        "HSS_DOC_PAGES={}: no pages",
        dir.display()
    );
    Some(pages)
}

/// `...2026-04-03.txt` -> `2026-04-03`.
fn page_date(name: &str) -> Option<&str> {
    name.split('.')
        .find(|p| p.len() == 10 && p.as_bytes()[4] == b'-' && p.as_bytes()[7] == b'-')
}

/// The current page of each operation: the newest dated one, else the only one.
fn current(pages: &[(String, String)]) -> Vec<(String, String)> {
    let mut by_op: BTreeMap<String, Vec<&(String, String)>> = BTreeMap::new();
    for p in pages {
        let parsed = page::parse(&p.0, &p.1).unwrap_or_else(|e| panic!("{e}"));
        by_op
            .entry(format!("{} {}", parsed.method, parsed.path))
            .or_default()
            .push(p);
    }
    by_op
        .into_values()
        .map(|mut v| {
            v.sort_by_key(|p| page_date(&p.0).map(str::to_string));
            (*v.last().unwrap()).clone()
        })
        .collect()
}

#[test]
fn real_pages_current_ones_have_no_undecided_finding() {
    let Some(pages) = real_pages() else {
        eprintln!("HSS_DOC_PAGES not set: real-page check skipped (.ci/run sets it)");
        return;
    };
    let current = current(&pages);
    let (name, text) = file("spec/hss.yaml");
    let r = xtask::docs::check(&name, &text, &current).unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(
        r.pages.len(),
        lower(&name, &text).operations.len(),
        "a current page per operation"
    );
    assert!(undecided(&r).is_empty(), "{}", r.to_markdown());
    assert!(r.findings.iter().all(|f| f.reason.is_some()));
    assert!(r.unused_decisions.is_empty(), "{:#?}", r.unused_decisions);
}

#[test]
fn real_pages_the_history_is_reported() {
    let Some(pages) = real_pages() else {
        eprintln!("HSS_DOC_PAGES not set: real-page check skipped (.ci/run sets it)");
        return;
    };
    let dated: Vec<(String, String)> = pages
        .into_iter()
        .filter(|p| page_date(&p.0) == Some("2026-04-03"))
        .collect();
    assert!(!dated.is_empty());
    let (name, text) = file("tests/fixtures/history/hss-2025-08-15.yaml");
    let r = xtask::docs::check(&name, &text, &dated).unwrap_or_else(|e| panic!("{e:#}"));
    let got: Vec<(Kind, &str)> = r
        .undecided()
        .map(|f| (f.kind, f.location.as_str()))
        .collect();
    // "How the docs changed (assign-task, 2025-08-15 to 2026-04-03)".
    let op = "CreateGlobalAssetScanTask";
    for (kind, loc) in [
        (Kind::DescriptionChanged, "query.category"),
        (Kind::DescriptionChanged, "query.category = host"),
        (Kind::DescriptionChanged, "query.category = container"),
        (Kind::DefaultChanged, "query.category"),
        (Kind::LimitAdded, "body.host_ids"),
        (Kind::LimitAdded, "body.server_group"),
        (Kind::MandatoryChanged, "body.all_hosts"),
        (Kind::LimitAdded, "response 200.error"),
        (Kind::ExampleChanged, "request example"),
        (Kind::ExampleChanged, "response 200 example"),
    ] {
        let loc = format!("{op} {loc}");
        assert!(
            got.contains(&(kind, loc.as_str())),
            "{kind:?} {loc} not in {got:#?}"
        );
    }
    let f = r
        .findings
        .iter()
        .find(|f| f.kind == Kind::DefaultChanged)
        .unwrap();
    assert_eq!(
        (f.page.as_str(), f.spec.as_str(), f.suggestion.as_str()),
        ("Default Value: host", "no default", "default: host")
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.kind == Kind::MandatoryChanged)
        .unwrap();
    assert_eq!(
        (f.page.as_str(), f.spec.as_str()),
        ("Mandatory: No", "required")
    );
}

#[test]
fn real_pages_import_regenerates_each_operation() {
    let Some(pages) = real_pages() else {
        eprintln!("HSS_DOC_PAGES not set: real-page check skipped (.ci/run sets it)");
        return;
    };
    let (spec_name, spec_text) = file("spec/hss.yaml");
    for (name, text) in current(&pages) {
        let stem = name.trim_end_matches(".txt").trim_end_matches(".md");
        let stem = match page_date(stem) {
            Some(d) => stem.trim_end_matches(d).trim_end_matches('.'),
            None => stem,
        };
        let patch = format!("tests/fixtures/docs/import/{stem}.yaml");
        assert_import_regenerates(&spec_name, &spec_text, &name, &text, &patch);
    }
}
