//! The builders of the generated HSS crate: `build` names every required field that was not set
//! (the list comes from the IR of spec/hss.yaml, so a spec change needs no edit here), setters
//! take `impl Into<T>`, a built value equals the one read from JSON, and a `BuildError` converts
//! into the crate's `Error` with `?`.

use generator::ir::{Api, TypeKind};
use huaweicloud_hss::models::{
    ClusterRangeType, ClusterScanInfo, ClusterScanType, CreateGlobalAssetScanTaskRequestBody,
    CreateTaskRequestBody, TaskType,
};
use huaweicloud_hss::operations::{CreateGlobalAssetScanTaskRequest, CreateTaskRequest};
use huaweicloud_hss::runtime::BuildError;
use huaweicloud_hss::Error;
use std::path::Path;

fn api() -> Api {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/hss.yaml");
    let text = std::fs::read_to_string(path).expect("read spec");
    generator::lower_spec(
        &text,
        &generator::Options {
            spec_name: "spec/hss.yaml".into(),
            crate_name: None,
        },
    )
    .expect("spec lowers")
}

/// The wire names of the fields `type_name`'s builder requires, per the IR.
fn required_fields(api: &Api, type_name: &str) -> Vec<String> {
    let t = api.type_def(type_name).expect("type in the IR");
    let TypeKind::Struct(s) = &t.kind else {
        panic!("{type_name} is a struct")
    };
    s.fields
        .iter()
        .filter(|f| !f.is_option())
        .map(|f| f.wire_name.clone())
        .collect()
}

/// The names a request type's builder requires: its parameters and its body, per the IR.
fn required_params(api: &Api, request_type: &str) -> Vec<String> {
    let op = api
        .operations
        .iter()
        .find(|o| o.request_type == request_type)
        .expect("operation in the IR");
    let mut names: Vec<String> = op
        .params
        .iter()
        .filter(|p| !p.is_option())
        .map(|p| p.wire_name.clone())
        .collect();
    names.extend(
        op.body
            .iter()
            .filter(|b| b.required)
            .map(|b| b.rust_name.clone()),
    );
    names
}

/// An empty builder's result, checked against the IR: `Ok` exactly when nothing is required,
/// else an error naming every required field in order, with the documented `Display`.
fn check_empty<T: std::fmt::Debug>(
    result: Result<T, BuildError>,
    type_name: &str,
    required: &[String],
) {
    match result {
        Ok(value) => assert!(
            required.is_empty(),
            "{type_name} built without {required:?}: {value:?}"
        ),
        Err(e) => {
            assert!(!required.is_empty(), "{type_name}: {e}");
            assert_eq!(e.type_name(), type_name);
            assert_eq!(e.missing_fields(), required);
            let names: Vec<String> = required.iter().map(|n| format!("`{n}`")).collect();
            let plural = if required.len() == 1 { "" } else { "s" };
            assert_eq!(
                e.to_string(),
                format!(
                    "{type_name}: missing required field{plural} {}",
                    names.join(", ")
                )
            );
        }
    }
}

#[test]
fn an_empty_builder_names_every_required_field() {
    let api = api();
    check_empty(
        CreateTaskRequestBody::builder().build(),
        "CreateTaskRequestBody",
        &required_fields(&api, "CreateTaskRequestBody"),
    );
    check_empty(
        ClusterScanInfo::builder().build(),
        "ClusterScanInfo",
        &required_fields(&api, "ClusterScanInfo"),
    );
    check_empty(
        CreateGlobalAssetScanTaskRequestBody::builder().build(),
        "CreateGlobalAssetScanTaskRequestBody",
        &required_fields(&api, "CreateGlobalAssetScanTaskRequestBody"),
    );
    check_empty(
        CreateTaskRequest::builder().build(),
        "CreateTaskRequest",
        &required_params(&api, "CreateTaskRequest"),
    );
    check_empty(
        CreateGlobalAssetScanTaskRequest::builder().build(),
        "CreateGlobalAssetScanTaskRequest",
        &required_params(&api, "CreateGlobalAssetScanTaskRequest"),
    );
}

#[test]
fn build_reports_only_the_fields_still_missing() {
    let api = api();
    let required = required_fields(&api, "ClusterScanInfo");
    let partial = ClusterScanInfo::builder().range_type(ClusterRangeType::AllCluster);
    let expected: Vec<String> = required
        .iter()
        .filter(|f| *f != "range_type")
        .cloned()
        .collect();
    check_empty(partial.clone().build(), "ClusterScanInfo", &expected);
    // Setting a field twice keeps the last value; the builder is Clone and Debug.
    let full = partial
        .range_type(ClusterRangeType::SpecificCluster)
        .scan_type_list(vec![ClusterScanType::ClusterVul])
        .cluster_id_list(vec!["c-1".to_owned()]);
    assert!(format!("{full:?}").contains("SpecificCluster"));
    let info = full.build().expect("every required field set");
    assert_eq!(info.range_type, ClusterRangeType::SpecificCluster);
    assert_eq!(
        info.cluster_id_list.as_deref(),
        Some(&["c-1".to_owned()][..])
    );
}

#[test]
fn a_built_value_is_the_one_read_from_json() {
    let info = ClusterScanInfo::builder()
        .scan_type_list(vec![ClusterScanType::ClusterVul])
        .range_type(ClusterRangeType::AllCluster)
        .build()
        .unwrap();
    let built = CreateTaskRequestBody::builder()
        .task_type(TaskType::ClusterScan)
        .cluster_scan_info(info)
        .build()
        .unwrap();
    let read: CreateTaskRequestBody = serde_json::from_value(serde_json::json!({
        "task_type": "cluster_scan",
        "cluster_scan_info": {"scan_type_list": ["cluster_vul"], "range_type": "all_cluster"}
    }))
    .unwrap();
    assert_eq!(built, read);
    // Strings are taken as `impl Into<String>`: `&str` and `String` alike.
    let a = CreateTaskRequest::builder()
        .body(built.clone())
        .enterprise_project_id("0")
        .build()
        .unwrap();
    let b = CreateTaskRequest::builder()
        .body(built)
        .enterprise_project_id(String::from("0"))
        .build()
        .unwrap();
    assert_eq!(a, b);
    assert_eq!(a.enterprise_project_id.as_deref(), Some("0"));
}

#[test]
fn a_build_error_converts_into_the_crate_error() {
    fn build(missing: bool) -> Result<(), Error> {
        let result: Result<(), BuildError> = if missing {
            Err(BuildError::missing(
                "Thing",
                &[("a", true), ("b", false), ("c-d", true)],
            ))
        } else {
            Ok(())
        };
        result?;
        Ok(())
    }
    assert!(build(false).is_ok());
    let err = build(true).expect_err("missing fields");
    let Error::Build(inner) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(inner.type_name(), "Thing");
    assert_eq!(inner.missing_fields(), ["a", "c-d"]);
    assert_eq!(
        err.to_string(),
        "incomplete value: Thing: missing required fields `a`, `c-d`"
    );
    let source = std::error::Error::source(&err).expect("the BuildError is the source");
    assert_eq!(source.to_string(), inner.to_string());
}
