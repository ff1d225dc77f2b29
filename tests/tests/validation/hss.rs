//! The generated HSS request types, built from the JSON form of a request used by [`super::cases`]
//! (`{"path": {..}, "query": {..}, "header": {..}, "body": ..}`).
//!
//! This is the one place that names the generated request types. It checks that it knows every
//! parameter the spec gives an operation, so a parameter added to the spec fails the tests here
//! until it is wired in (and then gets its boundary cases for free).

use generator::ir::Operation;
use huaweicloud_hss::models::{
    AssetCategory, CreateGlobalAssetScanTaskRequestBody, CreateManualImageScanTaskRequestBody,
    CreateTaskRequestBody,
};
use huaweicloud_hss::operations::{
    CreateGlobalAssetScanTaskRequest, CreateManualImageScanTaskRequest, CreateTaskRequest,
};
use huaweicloud_hss::runtime::validation::ValidationErrors;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A request of any HSS operation.
#[derive(Debug, Clone)]
pub enum HssRequest {
    GlobalAssetScan(CreateGlobalAssetScanTaskRequest),
    Task(CreateTaskRequest),
    ManualImageScan(Box<CreateManualImageScanTaskRequest>),
}

impl HssRequest {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        match self {
            HssRequest::GlobalAssetScan(r) => r.validate(),
            HssRequest::Task(r) => r.validate(),
            HssRequest::ManualImageScan(r) => r.validate(),
        }
    }
}

/// The parameters each adapter below handles, as `location.wire_name`.
const KNOWN_PARAMS: &[(&str, &[&str])] = &[
    (
        "CreateGlobalAssetScanTask",
        &[
            "path.project_id",
            "query.enterprise_project_id",
            "query.category",
        ],
    ),
    (
        "CreateTask",
        &["path.project_id", "query.enterprise_project_id"],
    ),
    (
        "CreateManualImageScanTask",
        &[
            "path.project_id",
            "query.enterprise_project_id",
            "query.global_image_type",
            "header.region",
        ],
    ),
];

/// Panics unless the adapters know exactly the operations and parameters of the spec.
pub fn assert_adapters_cover(ops: &[Operation]) {
    let mut ids: Vec<&str> = ops.iter().map(|o| o.operation_id.as_str()).collect();
    ids.sort_unstable();
    let mut known: Vec<&str> = KNOWN_PARAMS.iter().map(|(id, _)| *id).collect();
    known.sort_unstable();
    assert_eq!(
        ids, known,
        "tests/tests/validation/hss.rs: operations differ from the spec"
    );
    for op in ops {
        let params: Vec<String> = op
            .params
            .iter()
            .map(|p| format!("{}.{}", p.location.as_str(), p.wire_name))
            .collect();
        let (_, known) = KNOWN_PARAMS
            .iter()
            .find(|(id, _)| *id == op.operation_id)
            .expect("checked above");
        assert_eq!(
            params, *known,
            "tests/tests/validation/hss.rs: parameters of {} differ from the spec",
            op.operation_id
        );
    }
}

fn field<T: DeserializeOwned>(request: &Value, location: &str, name: &str) -> Result<T, String> {
    let value = request
        .get(location)
        .and_then(|l| l.get(name))
        .cloned()
        .unwrap_or(Value::Null);
    serde_json::from_value(value).map_err(|e| format!("{location}.{name}: {e}"))
}

fn body<T: DeserializeOwned>(request: &Value) -> Result<T, String> {
    serde_json::from_value(request["body"].clone()).map_err(|e| format!("body: {e}"))
}

/// Builds the typed request of `operation_id` from its JSON form (deserialising each part).
pub fn build(operation_id: &str, request: &Value) -> Result<HssRequest, String> {
    Ok(match operation_id {
        "CreateGlobalAssetScanTask" => {
            let mut r = CreateGlobalAssetScanTaskRequest::builder()
                .category(field::<AssetCategory>(request, "query", "category")?)
                .body(body::<CreateGlobalAssetScanTaskRequestBody>(request)?)
                .build()
                .map_err(|e| e.to_string())?;
            r.project_id = field(request, "path", "project_id")?;
            r.enterprise_project_id = field(request, "query", "enterprise_project_id")?;
            HssRequest::GlobalAssetScan(r)
        }
        "CreateTask" => {
            let mut r = CreateTaskRequest::builder()
                .body(body::<CreateTaskRequestBody>(request)?)
                .build()
                .map_err(|e| e.to_string())?;
            r.project_id = field(request, "path", "project_id")?;
            r.enterprise_project_id = field(request, "query", "enterprise_project_id")?;
            HssRequest::Task(r)
        }
        "CreateManualImageScanTask" => {
            let mut r = CreateManualImageScanTaskRequest::builder()
                .body(body::<CreateManualImageScanTaskRequestBody>(request)?)
                .build()
                .map_err(|e| e.to_string())?;
            r.project_id = field(request, "path", "project_id")?;
            r.enterprise_project_id = field(request, "query", "enterprise_project_id")?;
            r.global_image_type = field(request, "query", "global_image_type")?;
            r.region = field(request, "header", "region")?;
            HssRequest::ManualImageScan(Box::new(r))
        }
        other => return Err(format!("no adapter for operation {other}")),
    })
}
