//! The API change report (`generator::diff`, behind `cargo xtask diff`) on real specs: one focused
//! old/new pair per change kind under `tests/fixtures/diff/`, and the history of the HSS spec
//! (`tests/fixtures/history/hss-2025-08-15.yaml` -> `hss-2026-04-03.yaml`, frozen copies of the
//! spec before and after the vendor's 2026-04-03 page updates).
//!
//! Each pair's verdicts are asserted directly (kind, wire class, direction, Rust impact, semver);
//! the Markdown of each report is also kept as a snapshot.

use generator::diff::{diff, Change, Direction, FailOn, Kind, Report, RustImpact, Wire};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

fn lower(path: &Path) -> generator::ir::Api {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path
        .strip_prefix(repo())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let options = generator::Options {
        spec_name: name,
        crate_name: None,
    };
    generator::lower_spec(&text, &options).unwrap_or_else(|e| panic!("{e}"))
}

fn pair(case: &str) -> Report {
    let dir = repo().join("tests/fixtures/diff").join(case);
    diff(&lower(&dir.join("old.yaml")), &lower(&dir.join("new.yaml")))
}

fn history() -> Report {
    diff(
        &lower(&repo().join("tests/fixtures/history/hss-2025-08-15.yaml")),
        &lower(&repo().join("tests/fixtures/history/hss-2026-04-03.yaml")),
    )
}

use Direction::{None as NoSide, Request as Req, Response as Resp};
use RustImpact as R;
use Wire::{Breaking as WB, Compatible as WC, None as WN};

/// What each fixture pair must report: its non-documentation changes in report order as (kind
/// code, wire class, wire direction, Rust impact), and the recommended version (all pairs start at
/// 0.3.0, so a breaking change bumps the minor version and anything else the patch).
#[allow(clippy::type_complexity)]
const EXPECTED: &[(&str, &[(&str, Wire, Direction, RustImpact)], &str)] = &[
    (
        "auth-kind-changed",
        &[("auth-chg", WB, Req, R::Compatible)], // the same token, sent as a bearer token
        "0.3.1",
    ),
    (
        "auth-scheme-added",
        &[
            ("auth-add", WC, Req, R::Additive),
            ("auth-dflt", WC, Req, R::Compatible), // the root security accepts it
        ],
        "0.3.1",
    ),
    (
        "auth-scheme-removed",
        &[
            ("auth-rm", WB, Req, R::Breaking),
            ("auth-dflt", WB, Req, R::BreakingBehavior), // the root security no longer accepts it
        ],
        "0.4.0",
    ),
    (
        "client-env-changed",
        &[("env", WN, NoSide, R::BreakingBehavior)], // the old variable is no longer read
        "0.4.0",
    ),
    (
        "constraints-added",
        &[
            ("con-add", WB, Req, R::BreakingBehavior), // host_ids maxItems
            ("con-add", WB, Req, R::BreakingBehavior), // host_ids minItems
            ("con-add", WB, Req, R::BreakingBehavior), // name maxLength
            ("con-add", WB, Req, R::BreakingBehavior), // name minLength
            ("con-add", WB, Req, R::BreakingBehavior), // name pattern
            ("con-add", WB, Req, R::BreakingBehavior), // priority maximum
            ("con-add", WB, Req, R::BreakingBehavior), // priority minimum
            ("con-add", WB, Req, R::BreakingBehavior), // priority multipleOf
            ("con-add", WB, Req, R::BreakingBehavior), // ratio exclusive maximum
            ("con-add", WB, Req, R::BreakingBehavior), // ratio exclusive minimum
        ],
        "0.4.0",
    ),
    (
        "constraints-loosened",
        &[("con-loose", WC, Req, R::Compatible); 9],
        "0.3.1",
    ),
    (
        "constraints-removed",
        &[("con-rm", WC, Req, R::Compatible); 10],
        "0.3.1",
    ),
    (
        "constraints-tightened",
        &[("con-tight", WB, Req, R::BreakingBehavior); 9],
        "0.4.0",
    ),
    ("crate-version-only", &[], "0.3.0"),
    ("default-added", &[("dflt", WC, Req, R::None)], "0.3.1"),
    ("default-changed", &[("dflt", WB, Req, R::None)], "0.3.1"),
    (
        "default-region-changed",
        &[("reg-dflt", WN, NoSide, R::BreakingBehavior)],
        "0.4.0",
    ),
    (
        "default-security-narrowed",
        &[("auth-dflt", WB, Req, R::BreakingBehavior)],
        "0.4.0",
    ),
    (
        "default-server-changed",
        &[("srv-dflt", WB, Req, R::BreakingBehavior)],
        "0.4.0",
    ),
    ("docs-only", &[], "0.3.1"),
    (
        "enum-value-added-response",
        &[("enum-add", WC, Resp, R::Additive)],
        "0.3.1",
    ),
    (
        "enum-value-removed-request",
        &[("enum-rm", WB, Req, R::Breaking)],
        "0.4.0",
    ),
    (
        "error-format-changed",
        &[
            ("err-fmt", WN, NoSide, R::BreakingBehavior), // code: a path no longer read
            ("err-fmt", WN, NoSide, R::Compatible),       // request-id-headers: one more
        ],
        "0.4.0",
    ),
    (
        "format-added-request",
        &[("fmt", WB, Req, R::None)],
        "0.3.1",
    ),
    (
        "nullable-added-required-request",
        &[("null", WC, Req, R::Breaking)],
        "0.4.0",
    ),
    (
        "nullable-added-response",
        &[("null", WB, Resp, R::None)],
        "0.3.1",
    ),
    (
        "operation-added",
        &[("op-add", WC, Req, R::Additive)],
        "0.3.1",
    ),
    (
        "operation-moved",
        &[("op-mv", WB, Req, R::Compatible)],
        "0.3.1",
    ),
    (
        "operation-removed",
        &[("op-rm", WB, Req, R::Breaking)],
        "0.4.0",
    ),
    (
        "operation-renamed",
        &[("op-ren", WN, NoSide, R::Breaking)],
        "0.4.0",
    ),
    (
        "parameter-added-optional",
        &[("par-add", WC, Req, R::Additive)],
        "0.3.1",
    ),
    (
        "parameter-added-required",
        &[("par-add", WB, Req, R::BreakingBehavior)],
        "0.4.0",
    ),
    (
        "parameter-optional-to-required",
        &[("opt-req", WB, Req, R::Breaking)],
        "0.4.0",
    ),
    (
        "parameter-removed",
        &[("par-rm", WB, Req, R::Breaking)],
        "0.4.0",
    ),
    (
        "pattern-changed",
        &[("con-chg", WB, Req, R::BreakingBehavior)],
        "0.4.0",
    ),
    (
        "property-added-optional",
        &[("fld-add", WC, Req, R::Additive)],
        "0.3.1",
    ),
    (
        "property-added-required",
        &[("fld-add", WB, Req, R::BreakingBehavior)],
        "0.4.0",
    ),
    (
        "property-optional-to-required",
        &[("opt-req", WB, Req, R::Breaking)],
        "0.4.0",
    ),
    (
        "property-removed-response",
        &[("fld-rm", WB, Resp, R::Breaking)],
        "0.4.0",
    ),
    (
        "property-required-to-optional",
        &[("req-opt", WC, Req, R::Breaking)],
        "0.4.0",
    ),
    (
        "region-added",
        &[("reg-add", WC, Req, R::Additive)],
        "0.3.1",
    ),
    (
        "region-removed",
        &[("reg-rm", WB, Req, R::Breaking)],
        "0.4.0",
    ),
    (
        "response-constraints-added",
        &[("con-add", WC, Resp, R::None); 2],
        "0.3.1",
    ),
    (
        "response-constraints-loosened",
        &[("con-loose", WB, Resp, R::None)],
        "0.3.1",
    ),
    (
        "rule-added",
        &[("rule-add", WB, Req, R::BreakingBehavior)],
        "0.4.0",
    ),
    (
        "rule-removed",
        &[("rule-rm", WC, Req, R::Compatible)],
        "0.3.1",
    ),
    (
        "server-variable-changed",
        &[("srv-var", WN, NoSide, R::BreakingBehavior)],
        "0.4.0",
    ),
    (
        "setting-added",
        &[("set-add", WC, Req, R::Additive)],
        "0.3.1",
    ),
    (
        "setting-changed",
        &[
            ("set-chg", WN, NoSide, R::BreakingBehavior), // env: the old variable is not read
            ("set-chg", WB, Req, R::Compatible),          // header renamed
        ],
        "0.4.0",
    ),
    (
        "setting-removed",
        &[("set-rm", WB, Req, R::Breaking)],
        "0.4.0",
    ),
    (
        "type-changed-response",
        &[("type", WB, Resp, R::Breaking)],
        "0.4.0",
    ),
    (
        "type-widened-request",
        &[("type", WC, Req, R::Breaking)],
        "0.4.0",
    ),
    (
        "user-agent-changed",
        &[("ua", WN, NoSide, R::Compatible)],
        "0.3.1",
    ),
];

fn cases() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(repo().join("tests/fixtures/diff"))
        .expect("tests/fixtures/diff")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("old.yaml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn verdicts(r: &Report) -> Vec<(&'static str, Wire, Direction, RustImpact)> {
    r.changes
        .iter()
        .filter(|c| !c.is_doc())
        .map(|c| (c.kind.code(), c.wire, c.direction, c.rust))
        .collect()
}

#[test]
fn every_fixture_pair_reports_the_expected_verdicts() {
    let cases = cases();
    let listed: Vec<&str> = EXPECTED.iter().map(|(c, _, _)| *c).collect();
    assert_eq!(
        cases, listed,
        "every pair under tests/fixtures/diff/ needs an entry in EXPECTED (and vice versa)"
    );
    for (case, expected, next) in EXPECTED {
        let r = pair(case);
        assert_eq!(verdicts(&r), expected.to_vec(), "{case}: {:#?}", r.changes);
        let s = r.semver(&r.base.crate_version).unwrap();
        assert_eq!(s.next, *next, "{case}: {s:?}");
    }
}

#[test]
fn fixture_pair_snapshots() {
    insta::glob!("../fixtures/diff", "*/old.yaml", |old| {
        let new = old.with_file_name("new.yaml");
        insta::assert_snapshot!(diff(&lower(old), &lower(&new)).to_markdown());
    });
}

/// The one change of a pair, by kind.
fn one(r: &Report, kind: Kind) -> Change {
    let v: Vec<&Change> = r.changes.iter().filter(|c| c.kind == kind).collect();
    assert_eq!(v.len(), 1, "{kind:?} in {:#?}", r.changes);
    v[0].clone()
}

#[test]
fn rust_effects_name_the_generated_api() {
    let c = one(
        &pair("property-required-to-optional"),
        Kind::RequiredToOptional,
    );
    assert!(
        c.rust_effect
            .contains("`TaskRequest::all_hosts: bool -> Option<bool>`"),
        "{}",
        c.rust_effect
    );
    assert!(c
        .rust_effect
        .contains("`TaskRequest::builder()` no longer requires `all_hosts`"));
    let c = one(&pair("operation-renamed"), Kind::OperationRenamed);
    assert_eq!(
        c.rust_effect,
        "method `create_task()` -> `start_task()`; `CreateTaskRequest` -> `StartTaskRequest`"
    );
    let c = one(&pair("parameter-added-required"), Kind::ParameterAdded);
    assert!(c
        .rust_effect
        .contains("`CreateTaskRequest::builder()` requires `category`"));
    let c = one(&pair("type-widened-request"), Kind::TypeChanged);
    assert_eq!(
        c.rust_effect,
        "`CreateTaskRequest::limit: Option<i32> -> Option<i64>`"
    );
    let c = one(&pair("enum-value-added-response"), Kind::EnumValueAdded);
    assert!(c.wire_note.contains("catch-all"), "{}", c.wire_note);
    assert!(c.rust_effect.contains("new variant `State::Failed`"));
    let r = pair("constraints-tightened");
    let c = r
        .changes
        .iter()
        .find(|c| c.location == "TaskRequest.host_ids" && c.new.as_deref() == Some("maxItems: 200"))
        .expect("host_ids maxItems");
    assert_eq!(
        c.rust_effect,
        "validation stricter: `TaskRequest::host_ids` at most 200 items (was at most 300 items)"
    );
    let c = r
        .changes
        .iter()
        .find(|c| {
            c.location == "TaskRequest.ratio" && c.new.as_deref() == Some("minimum: 0 (exclusive)")
        })
        .expect("ratio exclusiveMinimum");
    assert_eq!(c.kind, Kind::ConstraintTightened);
}

#[test]
fn api_wide_effects_name_the_client() {
    let c = one(&pair("setting-removed"), Kind::SettingRemoved);
    assert!(
        c.rust_effect
            .contains("method `ClientBuilder::tenant_id()` removed"),
        "{}",
        c.rust_effect
    );
    assert!(c.rust_effect.contains("`X-Tenant-Id` is no longer sent"));
    let c = one(&pair("default-security-narrowed"), Kind::DefaultSecurity);
    assert_eq!(
        (c.old.as_deref(), c.new.as_deref()),
        (Some("key, token"), Some("key"))
    );
    assert!(c.rust_effect.contains("`CreateTask`"), "{}", c.rust_effect);
    let c = one(&pair("auth-kind-changed"), Kind::AuthChanged);
    assert!(
        c.rust_effect
            .contains("still takes `Credentials::Token`; only how the client sends it changes"),
        "{}",
        c.rust_effect
    );
    let c = one(&pair("client-env-changed"), Kind::ClientEnv);
    assert!(
        c.rust_effect
            .contains("no longer reads `DIFF_FIXTURE_ENDPOINT`; now reads `DIFF_URL`"),
        "{}",
        c.rust_effect
    );
    let c = one(&pair("server-variable-changed"), Kind::ServerVariable);
    assert_eq!(c.location, "servers (default).variables.zone.default");
}

#[test]
fn documentation_changes_are_listed_apart() {
    let r = pair("docs-only");
    assert_eq!(r.changes.len(), 3, "{:#?}", r.changes);
    assert!(r
        .changes
        .iter()
        .all(|c| c.is_doc() && c.wire == Wire::None && c.rust == RustImpact::None));
    let md = r.to_markdown();
    let docs_at = md.find("### Documentation only").expect("docs section");
    assert!(
        !md[..docs_at].contains("### Operation"),
        "no operation section for doc-only changes"
    );
    assert!(
        md[docs_at..].contains("summary changed: \"Create a task\" → \"Create a scan task\""),
        "{md}"
    );
    assert!(!r.fails(FailOn::Breaking) && !r.fails(FailOn::RustBreaking) && r.fails(FailOn::Any));
}

#[test]
fn gates_follow_the_two_verdicts() {
    // Wire-compatible but Rust-breaking.
    let r = pair("property-required-to-optional");
    assert!(!r.fails(FailOn::Breaking));
    assert!(r.fails(FailOn::RustBreaking));
    // Wire-breaking with no Rust effect.
    let r = pair("response-constraints-loosened");
    assert!(r.fails(FailOn::Breaking));
    assert!(!r.fails(FailOn::RustBreaking));
    // Nothing changed at all.
    let r = pair("crate-version-only");
    assert!(r.changes.is_empty());
    assert!(!r.fails(FailOn::Any));
}

#[test]
fn reports_are_deterministic() {
    for case in cases() {
        let (a, b) = (pair(&case), pair(&case));
        assert_eq!(a.to_markdown(), b.to_markdown(), "{case}");
        assert_eq!(a.to_json(), b.to_json(), "{case}");
    }
    assert_eq!(history().to_markdown(), history().to_markdown());
}

#[test]
fn json_report_for_tools() {
    let r = pair("property-required-to-optional");
    insta::assert_snapshot!("json_property_required_to_optional", r.to_json());
    let j: serde_json::Value = serde_json::from_str(&r.to_json()).expect("valid JSON");
    assert_eq!(j["semver"]["current"], "0.3.0");
    assert_eq!(j["semver"]["next"], "0.4.0");
    assert_eq!(j["semver"]["head_status"], "not-bumped");
    let c = &j["changes"][0];
    for key in [
        "id",
        "kind",
        "group",
        "location",
        "old",
        "new",
        "summary",
        "wire",
        "direction",
        "wire_note",
        "rust",
        "rust_effect",
    ] {
        assert!(c.get(key).is_some(), "change has no {key}: {c}");
    }
    assert_eq!(c["wire"], "compatible");
    assert_eq!(c["rust"], "breaking");
}

// ---------------------------------------------------------------- history of the HSS spec

/// The non-documentation changes at one location.
fn at<'r>(r: &'r Report, location: &str) -> Vec<&'r Change> {
    r.changes
        .iter()
        .filter(|c| c.location == location && !c.is_doc())
        .collect()
}

#[test]
fn history_report_snapshot() {
    insta::assert_snapshot!(
        "history_hss_2025_08_15_to_2026_04_03",
        history().to_markdown()
    );
}

/// How the vendor's pages changed between 2025-08-15 and 2026-04-03, change by change: the two
/// history fixtures, which editing spec/hss.yaml does not touch. The exact list below keeps the
/// report honest.
#[test]
fn history_report_shows_every_doc_page_change() {
    let r = history();

    // host_ids, server_group: a range of 0 to 200 items added. A request that used to be accepted
    // (201 ids) is now rejected, by the server and by the generated validation before sending:
    // breaking on the wire for requests, breaking at run time for Rust. minItems 0 says nothing.
    for f in ["host_ids", "server_group"] {
        let v = at(&r, &format!("CreateGlobalAssetScanTaskRequestBody.{f}"));
        assert_eq!(v.len(), 1, "{f}: {v:#?}");
        let c = v[0];
        assert_eq!(
            (c.kind, c.wire, c.direction),
            (Kind::ConstraintAdded, Wire::Breaking, Direction::Request)
        );
        assert_eq!(c.rust, RustImpact::BreakingBehavior);
        assert_eq!(
            c.rust_effect,
            format!("validation stricter: `CreateGlobalAssetScanTaskRequestBody::{f}` at most 200 items")
        );
    }

    // all_hosts: mandatory Yes became No. Compatible for requests; bool -> Option<bool> in Rust.
    let v = at(&r, "CreateGlobalAssetScanTaskRequestBody.all_hosts");
    assert_eq!(v.len(), 1, "{v:#?}");
    let c = v[0];
    assert_eq!(
        (c.kind, c.wire, c.direction),
        (
            Kind::RequiredToOptional,
            Wire::Compatible,
            Direction::Request
        )
    );
    assert_eq!(c.rust, RustImpact::Breaking);
    assert!(
        c.rust_effect
            .starts_with("`CreateGlobalAssetScanTaskRequestBody::all_hosts: bool -> Option<bool>`"),
        "{}",
        c.rust_effect
    );

    // Response `error`: 1-256 characters added. Readers get a narrower range: compatible; responses
    // are not validated, so nothing changes in Rust.
    let v = at(&r, "CreateGlobalAssetScanTaskResponseBody.error");
    let mut got: Vec<_> = v
        .iter()
        .map(|c| (c.new.as_deref(), c.wire, c.direction, c.rust))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (
                Some("maxLength: 256"),
                Wire::Compatible,
                Direction::Response,
                RustImpact::None
            ),
            (
                Some("minLength: 1"),
                Wire::Compatible,
                Direction::Response,
                RustImpact::None
            ),
        ]
    );

    // category: description "Event type" became "Asset Type" (documentation only).
    let c = r
        .changes
        .iter()
        .find(|c| c.location == "CreateGlobalAssetScanTask query.category description")
        .expect("category description change");
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::Docs, Wire::None, RustImpact::None)
    );
    assert!(c.old.as_deref().is_some_and(|o| o.contains("Event type")));
    assert!(c.new.as_deref().is_some_and(|n| n.contains("Asset Type")));

    // Example request and response added (documentation only).
    for loc in [
        "CreateGlobalAssetScanTask body example",
        "CreateGlobalAssetScanTask response 200 example",
    ] {
        let c = r
            .changes
            .iter()
            .find(|c| c.location == loc)
            .unwrap_or_else(|| panic!("{loc}"));
        assert_eq!(
            (c.kind, c.old.as_deref(), c.wire),
            (Kind::Example, None, Wire::None),
            "{loc}"
        );
    }

    // Nothing else changed beyond documentation: the five above and the category default
    // (history_report_shows_the_category_default).
    let non_doc = r.changes.iter().filter(|c| !c.is_doc()).count();
    assert_eq!(non_doc, 6, "{:#?}", r.changes);

    // The crate: 0.1.0 with a Rust-breaking change -> 0.2.0 (0.x: breaking bumps the minor).
    let s = r.semver(&r.base.crate_version).unwrap();
    assert_eq!((s.current.as_str(), s.next.as_str()), ("0.1.0", "0.2.0"));
    assert!(r.fails(FailOn::Breaking) && r.fails(FailOn::RustBreaking));
    // Ids are a fingerprint of the change itself: pinned, so a change to the fingerprint (which
    // would invalidate ids reviewers already quoted) is a deliberate act.
    assert!(r
        .change("con-add-7e66b7e6")
        .is_some_and(|c| c.location.ends_with(".host_ids")));
}

/// category: default `host` added. The spec puts `default: host` on the AssetCategory component
/// that the parameter `$ref`s; lowering carries it into `Parameter::default`. Documenting a default
/// of a parameter callers must send anyway is compatible, and defaults are never filled in by the
/// generated code.
#[test]
fn history_report_shows_the_category_default() {
    let r = history();
    let c = r
        .changes
        .iter()
        .find(|c| {
            c.kind == Kind::Default
                && c.location
                    .starts_with("CreateGlobalAssetScanTask query.category")
        })
        .expect("default change on category");
    assert_eq!(
        (c.old.as_deref(), c.new.as_deref()),
        (None, Some("\"host\""))
    );
    assert_eq!(c.wire, Wire::Compatible);
}
