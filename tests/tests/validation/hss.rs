//! The generated HSS request types, built from the JSON form of a request used by [`super::cases`]
//! (`{"path": {..}, "query": {..}, "header": {..}, "body": ..}`).
//!
//! The code that builds each operation's request, parameter by parameter, is written from the IR
//! of spec/hss.yaml by `tests/build.rs`, so every parameter the spec gives an operation is wired in
//! (and gets its boundary cases) without an edit here.

use huaweicloud_hss::runtime::validation::ValidationErrors;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A request of any HSS operation, kept for its validation.
pub struct HssRequest {
    validate: Box<dyn Fn() -> Result<(), ValidationErrors>>,
}

impl HssRequest {
    fn new<R: Validate + 'static>(request: R) -> Self {
        HssRequest {
            validate: Box::new(move || request.validate()),
        }
    }

    pub fn validate(&self) -> Result<(), ValidationErrors> {
        (self.validate)()
    }
}

/// The generated request types' `validate`, as a trait the adapters can hold.
trait Validate {
    fn validate(&self) -> Result<(), ValidationErrors>;
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
    let value = request.get("body").cloned().unwrap_or(Value::Null);
    serde_json::from_value(value).map_err(|e| format!("body: {e}"))
}

// `build` and the `Validate` implementations of the request types, from the spec.
include!(concat!(env!("OUT_DIR"), "/hss_adapters.rs"));
