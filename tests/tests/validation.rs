//! Client-side validation of the generated HSS crate (`huaweicloud_hss`), driven by the spec.
//!
//! - Boundary cases: spec/hss.yaml is lowered with `generator::lower_spec`, the IR is walked, and
//!   every constraint found gets requests at the bound (pass) and just past it (fail with the
//!   right path and rule); every conditional rule holds, is violated and does not apply
//!   (`validation/cases.rs`). A spec that gains a constraint gains cases.
//! - The doc pages' example requests pass; a request that breaks many rules reports all of them;
//!   parameters from the client configuration; the token check never echoes the secret.
//! - Snapshots of the validation code emitted for every fixture spec and the edge-case spec
//!   `validation/edge.yaml` (the HSS spec's is in `generated/`, which `codegen --check` guards).

#[path = "validation/cases.rs"]
mod cases;
#[path = "validation/hss.rs"]
mod hss;

use cases::Expected;
use generator::ir::{Api, Num};
use huaweicloud_hss::models::{
    AssetCategory, ClusterRangeType, ClusterScanInfo, ClusterScanType,
    CreateGlobalAssetScanTaskRequestBody, CreateManualImageScanTaskRequestBody,
    CreateTaskRequestBody, GlobalImageType, ImageInfo, ImageScanStatus, LocalImageType, QueryInfo,
    RegistryType, TaskType,
};
use huaweicloud_hss::operations::{
    CreateGlobalAssetScanTaskRequest, CreateManualImageScanTaskRequest, CreateTaskRequest,
};
use huaweicloud_hss::runtime::validation::{Number, Rule, Violation};
use serde_json::json;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

fn lower(path: &Path) -> Api {
    let text = std::fs::read_to_string(path).expect("read spec");
    let options = generator::Options {
        spec_name: path
            .strip_prefix(repo())
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/"),
        crate_name: None,
    };
    generator::lower_spec(&text, &options).unwrap_or_else(|e| panic!("{e}"))
}

fn hss_api() -> Api {
    lower(&repo().join("spec/hss.yaml"))
}

fn num(n: Number) -> Num {
    match n {
        Number::Int(i) => Num::Int(i),
        Number::Float(x) => Num::Float(x),
    }
}

/// Whether a reported rule is the expected one.
fn same_rule(actual: &Rule, expected: &Expected) -> bool {
    match (actual, expected) {
        (Rule::MinLength { min, actual }, Expected::MinLength { min: m, actual: a })
        | (Rule::MaxLength { max: min, actual }, Expected::MaxLength { max: m, actual: a })
        | (Rule::MinItems { min, actual }, Expected::MinItems { min: m, actual: a })
        | (Rule::MaxItems { max: min, actual }, Expected::MaxItems { max: m, actual: a }) => {
            min == m && actual == a
        }
        (
            Rule::Minimum {
                min,
                exclusive,
                actual,
            },
            Expected::Minimum {
                min: m,
                exclusive: e,
                actual: a,
            },
        )
        | (
            Rule::Maximum {
                max: min,
                exclusive,
                actual,
            },
            Expected::Maximum {
                max: m,
                exclusive: e,
                actual: a,
            },
        ) => num(*min) == *m && exclusive == e && num(*actual) == *a,
        (
            Rule::MultipleOf { factor, actual },
            Expected::MultipleOf {
                factor: f,
                actual: a,
            },
        ) => num(*factor) == *f && num(*actual) == *a,
        (
            Rule::Pattern { pattern, actual },
            Expected::Pattern {
                pattern: p,
                actual: a,
            },
        ) => pattern == p && actual.as_deref() == Some(a.as_str()),
        (
            Rule::Enum { allowed, actual },
            Expected::Enum {
                allowed: al,
                actual: a,
            },
        ) => allowed.iter().copied().eq(al.iter().map(String::as_str)) && actual == a,
        (
            Rule::IntEnum { allowed, actual },
            Expected::IntEnum {
                allowed: al,
                actual: a,
            },
        ) => allowed == al && actual == a,
        (Rule::RequiredWhen { field, value }, Expected::RequiredWhen { field: f, value: v }) => {
            field == f && value == v
        }
        _ => false,
    }
}

/// Checks one case; returns a description of the mismatch, if any.
fn check(operation_id: &str, case: &cases::Case) -> Option<String> {
    let request = match hss::build(operation_id, &case.request) {
        Ok(r) => r,
        Err(e) => return Some(format!("{}: cannot build the request: {e}", case.name)),
    };
    let actual: Vec<Violation> = match request.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors.into_iter().collect(),
    };
    let mut unmatched: Vec<&Violation> = actual.iter().collect();
    for (path, expected) in &case.expected {
        match unmatched
            .iter()
            .position(|v| &v.path == path && same_rule(&v.rule, expected))
        {
            Some(i) => {
                unmatched.remove(i);
            }
            None => {
                return Some(format!(
                    "{}: expected {path}: {expected:?}, got {actual:?}",
                    case.name
                ))
            }
        }
    }
    if !unmatched.is_empty() {
        return Some(format!("{}: unexpected {unmatched:?}", case.name));
    }
    None
}

#[test]
fn boundary_cases_from_the_spec() {
    let api = hss_api();
    let mut constraints = 0;
    let mut cases = 0;
    let mut failing = 0;
    let mut rule_sites = Vec::new();
    let mut mismatches = Vec::new();
    for op in &api.operations {
        let walk = cases::walk_operation(&api, op);
        constraints += walk.constraints.len();
        cases += walk.cases.len();
        failing += walk.cases.iter().filter(|c| !c.expected.is_empty()).count();
        rule_sites.extend(walk.rule_sites);
        for case in &walk.cases {
            mismatches.extend(check(&op.operation_id, case));
        }
    }
    println!(
        "{cases} boundary cases checked ({failing} expected to fail) for {constraints} \
         constraints of spec/hss.yaml"
    );
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert!(
        cases >= constraints,
        "{cases} cases for {constraints} constraints"
    );
    // The spec's own numbers, so that a walk that silently finds nothing fails.
    assert!(constraints >= 60, "only {constraints} constraints found");
    // Every conditional rule of the HSS pages was found and exercised.
    for site in [
        ("body", "task_type"),
        ("body.cluster_scan_info", "range_type"),
        ("body", "is_all"),
        ("body.image_info[0]", "registry_type"),
    ] {
        assert!(
            rule_sites.iter().any(|(p, f)| p == site.0 && f == site.1),
            "no rule at {site:?} in {rule_sites:?}"
        );
    }
    assert_eq!(rule_sites.len(), 7, "{rule_sites:?}");
}

fn doc_request(operation_id: &str, request: serde_json::Value) -> hss::HssRequest {
    hss::build(operation_id, &request).unwrap_or_else(|e| panic!("{operation_id}: {e}"))
}

#[test]
fn doc_page_examples_pass() {
    // create-global-asset-scan-task.2026-04-03.txt, "Example Requests".
    let assign = doc_request(
        "CreateGlobalAssetScanTask",
        json!({
            "path": {"project_id": "2b31ed520xxxxxxebedb6e57xxxxxxxx"},
            "query": {"enterprise_project_id": "all_granted_eps", "category": "host"},
            "body": {"all_hosts": true}
        }),
    );
    assert_eq!(assign.validate(), Ok(()));
    // create-task.2026-04-03.txt, "Example Requests".
    let task = doc_request(
        "CreateTask",
        json!({
            "path": {"project_id": "2b31ed520xxxxxxebedb6e57xxxxxxxx"},
            "query": {"enterprise_project_id": "all_granted_eps"},
            "body": {
                "task_type": "cluster_scan",
                "cluster_scan_info": {"scan_type_list": ["cluster_vul"], "range_type": "all_cluster"}
            }
        }),
    );
    assert_eq!(task.validate(), Ok(()));
    // The image-scan page has no example; its SDK samples send an empty body.
    let image = doc_request(
        "CreateManualImageScanTask",
        json!({"path": {"project_id": "2b31ed520xxxxxxebedb6e57xxxxxxxx"}, "body": {}}),
    );
    assert_eq!(image.validate(), Ok(()));
    // And the spec's own examples (parameters and bodies).
    let api = hss_api();
    for op in &api.operations {
        let mut request = json!({"path": {}, "query": {}, "header": {}});
        for p in &op.params {
            if let Some(example) = &p.example {
                request[p.location.as_str()][&p.wire_name] = example.clone();
            }
        }
        request["body"] = op
            .body
            .as_ref()
            .and_then(|b| b.example.clone())
            .unwrap_or(json!({}));
        if op.operation_id == "CreateGlobalAssetScanTask" && request["query"]["category"].is_null()
        {
            request["query"]["category"] = json!("host");
        }
        let built = doc_request(&op.operation_id, request);
        assert_eq!(built.validate(), Ok(()), "{}", op.operation_id);
    }
}

/// The largest request of the spec broken in every way at once.
#[test]
fn every_violation_is_reported_together() {
    let body: CreateManualImageScanTaskRequestBody = serde_json::from_value(json!({
        "scan_scope": -1,
        "rate_limit": 1001,
        "is_all": false,
        "query_info": {
            "local_image_type": "cloud_image",
            "host_id": "h".repeat(129),
            "pod_id": "p".repeat(65),
            "pod_name": "n".repeat(513),
            "image_size": -1,
            "end_latest_scan_time": -5,
            "scan_status": "paused"
        },
        "image_info": [
            {"registry_type": "Local", "image_id": "i", "image_name": "n", "image_version": "v",
             "registry_id": "r", "registry_name": "rn"},
            {"registry_type": "SwrEnterprise", "id": 1, "image_digest": "d", "namespace": "ns",
             "image_name": "n", "image_version": "v", "registry_id": "r", "registry_name": "rn"},
            {"registry_type": "Quay"},
            {"registry_type": "Local"}
        ]
    }))
    .expect("deserialises: every value has the right JSON type");
    let mut request = CreateManualImageScanTaskRequest::builder()
        .body(body)
        .build()
        .expect("the body is the only required field");
    request.project_id = Some(String::new());
    request.enterprise_project_id = Some("e".repeat(257));
    request.region = Some("r".repeat(129));
    request.global_image_type = Some("everywhere".parse().expect("infallible"));
    let errors = request.validate().expect_err("invalid");
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    // The enums' value lists come from the generated enums, so a new value needs no edit here.
    let not_one_of =
        |value: &str, allowed: &[&str]| format!("value {value:?} is not one of {allowed:?}");
    let expected = [
        "path.project_id: length 0, expected at least 1 character".to_string(),
        "query.enterprise_project_id: length 257, expected at most 256 characters".to_string(),
        format!(
            "query.global_image_type: {}",
            not_one_of("everywhere", GlobalImageType::VALUES)
        ),
        "header.region: length 129, expected at most 128 characters".to_string(),
        "body.scan_scope: value -1, expected at least 0".to_string(),
        "body.rate_limit: value 1001, expected at most 1000".to_string(),
        format!(
            "body.query_info.local_image_type: {}",
            not_one_of("cloud_image", LocalImageType::VALUES)
        ),
        "body.query_info.host_id: length 129, expected at most 128 characters".to_string(),
        "body.query_info.pod_id: length 65, expected at most 64 characters".to_string(),
        "body.query_info.pod_name: length 513, expected at most 512 characters".to_string(),
        format!(
            "body.query_info.scan_status: {}",
            not_one_of("paused", ImageScanStatus::VALUES)
        ),
        "body.query_info.image_size: value -1, expected at least 0".to_string(),
        "body.query_info.end_latest_scan_time: value -5, expected at least 0".to_string(),
        "body.image_info[1].instance_id: required when registry_type is SwrEnterprise, but missing"
            .to_string(),
        format!(
            "body.image_info[2].registry_type: {}",
            not_one_of("Quay", RegistryType::VALUES)
        ),
        "body.image_info[3].image_id: required when registry_type is Local, but missing"
            .to_string(),
        "body.image_info[3].image_name: required when registry_type is Local, but missing"
            .to_string(),
        "body.image_info[3].image_version: required when registry_type is Local, but missing"
            .to_string(),
        "body.image_info[3].registry_id: required when registry_type is Local, but missing"
            .to_string(),
        "body.image_info[3].registry_name: required when registry_type is Local, but missing"
            .to_string(),
    ];
    assert_eq!(lines, expected);
    // Display: one line per violation, in the same order.
    assert_eq!(errors.to_string(), expected.join("\n"));
    assert_eq!(errors.len(), expected.len());
    // And matchable in code.
    assert!(errors.iter().any(|v| v.path == "body.rate_limit"
        && matches!(
            v.rule,
            Rule::Maximum {
                max: Number::Int(1000),
                exclusive: false,
                actual: Number::Int(1001)
            }
        )));
    let as_error: &dyn std::error::Error = &errors;
    assert!(as_error.to_string().lines().count() == expected.len());
}

#[test]
fn conditional_rules_of_the_hss_pages() {
    // cluster_scan_info by task_type.
    let body = CreateTaskRequestBody::builder()
        .task_type(TaskType::ClusterScan)
        .build()
        .unwrap();
    let errors = CreateTaskRequest::builder()
        .body(body)
        .build()
        .unwrap()
        .validate()
        .expect_err("missing");
    assert_eq!(
        errors.as_slice(),
        &[Violation::new(
            "body.cluster_scan_info",
            Rule::RequiredWhen {
                field: "task_type",
                value: "cluster_scan"
            }
        )]
    );
    // iac_scan_info by task_type.
    let body = CreateTaskRequestBody::builder()
        .task_type(TaskType::IacScan)
        .build()
        .unwrap();
    let errors = body.validate().expect_err("missing");
    assert_eq!(errors.as_slice()[0].path, "iac_scan_info");
    // cluster_id_list by range_type, on the struct alone and inside the request.
    let info = ClusterScanInfo::builder()
        .scan_type_list(vec![])
        .range_type(ClusterRangeType::SpecificCluster)
        .build()
        .unwrap();
    assert_eq!(
        info.validate().expect_err("missing").to_string(),
        "cluster_id_list: required when range_type is specific_cluster, but missing"
    );
    let mut info = info;
    info.cluster_id_list = Some(vec!["c-1".into()]);
    assert_eq!(info.validate(), Ok(()));
    // image_info when is_all is false; not when it is true or absent.
    let body = CreateManualImageScanTaskRequestBody::builder()
        .is_all(false)
        .build()
        .unwrap();
    assert_eq!(
        body.validate().expect_err("missing").to_string(),
        "image_info: required when is_all is false, but missing"
    );
    assert_eq!(
        CreateManualImageScanTaskRequestBody::builder()
            .is_all(true)
            .build()
            .unwrap()
            .validate(),
        Ok(())
    );
    assert_eq!(
        CreateManualImageScanTaskRequestBody::default().validate(),
        Ok(())
    );
    // image_info entries by registry_type.
    let harbor = ImageInfo::builder()
        .registry_type(RegistryType::Harbor)
        .build()
        .unwrap();
    let missing: Vec<String> = harbor
        .validate()
        .expect_err("missing")
        .into_iter()
        .map(|v| v.path)
        .collect();
    assert_eq!(
        missing,
        [
            "id",
            "image_digest",
            "namespace",
            "image_name",
            "image_version",
            "registry_id",
            "registry_name"
        ]
    );
}

#[test]
fn unknown_enum_values_are_read_but_never_sent() {
    // The values come from the generated enums (the spec's lists), so a new value needs no edit.
    let allowed = ClusterScanType::VALUES;
    let known = allowed.first().expect("the enum lists values");
    let range = ClusterRangeType::VALUES
        .first()
        .expect("the enum lists values");
    // A response may carry a value this crate does not know...
    let info: ClusterScanInfo =
        serde_json::from_value(json!({"scan_type_list": [known, "new_kind"], "range_type": range}))
            .expect("unknown values are accepted when reading");
    assert_eq!(
        info.scan_type_list,
        [
            ClusterScanType::from(*known),
            ClusterScanType::Unknown("new_kind".into())
        ]
    );
    // ...but a request carrying one is rejected, with the list of values the spec allows.
    let errors = info.validate().expect_err("unknown value");
    assert_eq!(
        errors.to_string(),
        format!("scan_type_list[1]: value \"new_kind\" is not one of {allowed:?}")
    );
    let Rule::Enum {
        allowed: reported,
        actual,
    } = &errors.as_slice()[0].rule
    else {
        panic!("{errors:?}");
    };
    assert_eq!(actual, "new_kind");
    assert_eq!(*reported, allowed);
}

#[test]
fn parameters_from_the_client_configuration() {
    let request = CreateTaskRequest::builder()
        .body(
            serde_json::from_value::<CreateTaskRequestBody>(json!({
                "task_type": "iac_scan",
                "iac_scan_info": {"file_type": "dockerfile", "file_id_list": ["f-1"]}
            }))
            .expect("body"),
        )
        .build()
        .unwrap();
    // Left to the configuration: `validate` cannot know it, `validate_with_config` checks it.
    assert_eq!(request.validate(), Ok(()));
    assert_eq!(
        request.validate_with_config(Some("0123456789abcdef")),
        Ok(())
    );
    // Missing from both: the violation names the setting's builder method and variables.
    let setting = huaweicloud_hss::client::SERVICE
        .setting("project_id")
        .expect("project_id setting");
    let missing = request.validate_with_config(None).expect_err("missing");
    assert_eq!(
        missing.as_slice(),
        &[Violation::new(
            "path.project_id",
            Rule::RequiredSetting {
                setting: setting.name,
                env: setting.env
            }
        )]
    );
    let text = missing.to_string();
    assert!(text.contains("`ClientBuilder::project_id`"), "{text}");
    for name in setting.env {
        assert!(text.contains(name), "{text}");
    }
    let long = "p".repeat(257);
    assert_eq!(
        request
            .validate_with_config(Some(&long))
            .expect_err("too long")
            .as_slice(),
        &[Violation::new(
            "path.project_id",
            Rule::MaxLength {
                max: 256,
                actual: 257
            }
        )]
    );
    // A value in the request wins over the configuration.
    let mut own = request.clone();
    own.project_id = Some("own".into());
    assert_eq!(own.validate_with_config(Some(&long)), Ok(()));
    own.project_id = Some(String::new());
    assert_eq!(
        own.validate_with_config(Some("fine"))
            .expect_err("empty")
            .as_slice(),
        &[Violation::new(
            "path.project_id",
            Rule::MinLength { min: 1, actual: 0 }
        )]
    );
}

#[test]
fn lengths_count_characters() {
    // 256 two-byte characters (512 bytes) fit a 256-character limit.
    let mut request = CreateGlobalAssetScanTaskRequest::builder()
        .category("host".parse::<AssetCategory>().expect("infallible"))
        .body(CreateGlobalAssetScanTaskRequestBody::default())
        .build()
        .unwrap();
    request.enterprise_project_id = Some("é".repeat(256));
    assert_eq!(request.validate(), Ok(()));
    request.enterprise_project_id = Some("é".repeat(257));
    assert_eq!(
        request.validate().expect_err("too long").to_string(),
        "query.enterprise_project_id: length 257, expected at most 256 characters"
    );
    // 201 items where 200 are allowed.
    request.enterprise_project_id = None;
    request.body.host_ids = Some(vec!["h".into(); 201]);
    assert_eq!(
        request.validate().expect_err("too many").to_string(),
        "body.host_ids: 201 items, expected at most 200"
    );
}

#[test]
fn token_values_are_checked_without_being_echoed() {
    use generator::ir::{AuthKind, KeyLocation};
    use huaweicloud_hss::runtime::validation::validate_secret;
    use huaweicloud_hss::runtime::Credentials;
    let api = hss_api();
    let (header, min, max) = api
        .auth
        .iter()
        .find_map(|a| match &a.kind {
            AuthKind::ApiKey {
                location: KeyLocation::Header,
                name,
                constraints,
                ..
            } => Some((name.clone(), constraints.min_length, constraints.max_length)),
            _ => None,
        })
        .expect("the HSS spec has a header token scheme");
    let max_length = max.expect("the token has a maximum length");
    let header: &'static str = Box::leak(header.into_boxed_str());
    let secret = "MIIsecret".repeat(usize::try_from(max_length).unwrap() / 9 + 1);
    let length = secret.chars().count();
    let errors = validate_secret("header", header, &secret, min, max).expect_err("too long");
    let shown = format!("{errors} {errors:?}");
    assert!(!shown.contains("MIIsecret"), "{shown}");
    assert_eq!(
        errors.to_string(),
        format!("header.{header}: length {length}, expected at most {max_length} characters")
    );
    assert!(validate_secret("header", header, "", min, max).is_err());
    // The client checks a token with the spec's limits once, when it is configured, and reports
    // the length, never the value.
    let configure = |token: String| {
        huaweicloud_hss::client::ClientBuilder::new()
            .credentials(Credentials::token(token))
            .endpoint_url("http://127.0.0.1:9")
            .build_config()
    };
    let Err(huaweicloud_hss::Error::Validation(errors)) = configure(secret.clone()) else {
        panic!("a too long token is a validation error");
    };
    assert_eq!(
        errors.as_slice(),
        &[Violation::new(
            format!("header.{header}"),
            Rule::MaxLength {
                max: max_length,
                actual: u64::try_from(length).unwrap()
            }
        )]
    );
    assert!(!format!("{errors} {errors:?}").contains("MIIsecret"));
    let empty = configure(String::new()).expect_err("empty");
    assert!(empty.to_string().contains("empty"), "{empty}");
    let longest = "é".repeat(usize::try_from(max_length).unwrap());
    assert!(configure(longest).is_ok());
}

#[test]
fn valid_requests_stay_valid_after_a_round_trip() {
    // What validation accepts is what is sent: serialise a valid request body and read it back.
    let image = ImageInfo::builder()
        .registry_type(RegistryType::Local)
        .image_id("i")
        .image_name("n")
        .image_version("v")
        .registry_id("r")
        .registry_name("rn")
        .build()
        .unwrap();
    let body = CreateManualImageScanTaskRequestBody::builder()
        .is_all(false)
        .query_info(
            QueryInfo::builder()
                .host_id("h".repeat(128))
                .build()
                .unwrap(),
        )
        .image_info(vec![image])
        .build()
        .unwrap();
    assert_eq!(body.validate(), Ok(()));
    let back: CreateManualImageScanTaskRequestBody =
        serde_json::from_value(serde_json::to_value(&body).expect("serialise")).expect("read");
    assert_eq!(back.validate(), Ok(()));
}

/// The validation code of a spec: every request-side type's and every operation's, formatted as
/// one file.
fn validation_code(path: &Path) -> String {
    use generator::emit::validate;
    let api = lower(path);
    let mut parts = Vec::new();
    for t in &api.types {
        if t.usage.request {
            parts.push(validate::for_type(&api, t));
        }
    }
    for op in &api.operations {
        parts.push(validate::for_operation(&api, op));
    }
    let mut parts = parts.into_iter();
    let Some(mut all) = parts.next() else {
        return String::new();
    };
    all.extend(parts);
    let file =
        generator::emit::format_rust("validation", all, "spec").unwrap_or_else(|e| panic!("{e}"));
    // Without the generated-file header, which names no real command here.
    match file.split_once("\n\n") {
        Some((_, code)) => code.to_string(),
        None => file,
    }
}

#[test]
fn validation_code_snapshots() {
    insta::glob!("../fixtures", "*.yaml", |path| {
        insta::assert_snapshot!(validation_code(path));
    });
    insta::assert_snapshot!(
        "edge",
        validation_code(&repo().join("tests/tests/validation/edge.yaml"))
    );
}
