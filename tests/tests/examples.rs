//! The doc pages' examples (carried into spec/hss.yaml as OpenAPI examples) against the generated
//! types: every example response deserialises, every example request serialises back to the same
//! JSON. The list of examples comes from the spec, so an example without a test fails here.

use huaweicloud_hss::models;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn api() -> generator::ir::Api {
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

/// Deserialises `example` as `T` and serialises it back: the JSON must be unchanged.
fn round_trip<T: DeserializeOwned + Serialize>(what: &str, example: &Value) -> T {
    let typed: T = serde_json::from_value(example.clone())
        .unwrap_or_else(|e| panic!("{what}: example does not deserialise: {e}\n{example}"));
    let back = serde_json::to_value(&typed).expect("serialise");
    assert_eq!(&back, example, "{what}: JSON changed in the round trip");
    typed
}

/// Checks one example, by the Rust type the IR says it has: the JSON reads as that type and
/// writes back unchanged. Returns the type checked.
fn check(what: &str, type_name: &str, example: &Value) -> String {
    match type_name {
        "CreateGlobalAssetScanTaskRequestBody" => {
            round_trip::<models::CreateGlobalAssetScanTaskRequestBody>(what, example);
        }
        "CreateGlobalAssetScanTaskResponseBody" => {
            round_trip::<models::CreateGlobalAssetScanTaskResponseBody>(what, example);
        }
        "CreateTaskRequestBody" => {
            round_trip::<models::CreateTaskRequestBody>(what, example);
        }
        "CreateTaskResponseBody" => {
            round_trip::<models::CreateTaskResponseBody>(what, example);
        }
        other => panic!("{what}: an example of type {other} has no check here; add one"),
    }
    type_name.to_string()
}

#[test]
fn every_spec_example_round_trips_through_the_generated_types() {
    let api = api();
    let mut checked = BTreeSet::new();
    let mut calls = 0;
    for op in &api.operations {
        if let Some(body) = &op.body {
            if let (Some(example), generator::ir::TypeRef::Named(name)) = (&body.example, &body.ty)
            {
                calls += 1;
                checked.insert(check(
                    &format!("{} request", op.operation_id),
                    name,
                    example,
                ));
            }
        }
        for resp in &op.responses {
            if let (Some(example), Some(generator::ir::TypeRef::Named(name))) =
                (&resp.example, &resp.body)
            {
                calls += 1;
                checked.insert(check(
                    &format!("{} response {:?}", op.operation_id, resp.status),
                    name,
                    example,
                ));
            }
        }
    }
    // Every example the spec gives was checked (the list comes from the IR).
    let examples = api
        .operations
        .iter()
        .map(|op| {
            usize::from(op.body.as_ref().is_some_and(|b| b.example.is_some()))
                + op.responses.iter().filter(|r| r.example.is_some()).count()
        })
        .sum::<usize>();
    assert_eq!(calls, examples, "examples checked: {checked:?}");
}

#[test]
fn responses_accept_enum_values_the_spec_does_not_list() {
    let known = models::ClusterScanType::VALUES[0];
    let info: models::ClusterScanInfo = serde_json::from_value(serde_json::json!({
        "scan_type_list": [known, "brand_new_scan"],
        "range_type": "some_future_range"
    }))
    .expect("unknown enum values are kept, not rejected");
    assert_eq!(
        info.scan_type_list[1],
        models::ClusterScanType::Unknown("brand_new_scan".into())
    );
    assert!(!info.range_type.is_known());
    // And they serialise back unchanged.
    assert_eq!(
        serde_json::to_value(&info).unwrap()["range_type"],
        Value::String("some_future_range".into())
    );
}

#[test]
fn optional_fields_are_omitted_when_none_and_required_ones_always_sent() {
    let body = models::CreateGlobalAssetScanTaskRequestBody::builder()
        .build()
        .unwrap();
    assert_eq!(serde_json::to_string(&body).unwrap(), "{}");
    let body = models::CreateGlobalAssetScanTaskRequestBody::builder()
        .all_hosts(false)
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"all_hosts":false}"#
    );
    let body = models::CreateTaskRequestBody::builder()
        .task_type(models::TaskType::IacScan)
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"task_type":"iac_scan"}"#
    );
    // Unknown fields in a response are ignored, not an error.
    let resp: models::CreateTaskResponseBody =
        serde_json::from_str(r#"{"task_id":"t-1","added_later":{"x":1}}"#).unwrap();
    assert_eq!(resp.task_id.as_deref(), Some("t-1"));
}
