//! End-to-end tests of the schema constructs (tests/e2e/schemas.yaml, generated into the crate
//! `e2e-schemas`): the exact JSON bytes each construct reads and writes (maps, free-form objects,
//! recursive types, allOf, oneOf/anyOf with and without a discriminator, nullable, string
//! formats), validation errors with their paths, and a request round trip through the loopback
//! server with the signature recomputed independently.

mod support;

use std::collections::BTreeMap;
use std::time::Duration;

use e2e_schemas::models::{
    Device, Disk, Either, Option2, Payload, PayloadInlineChoice, Result2, Scalar,
};
use e2e_schemas::operations::PutPayloadRequest;
use e2e_schemas::runtime::Credentials;
use e2e_schemas::Client;
use support::server::{Reply, Server};
use support::signature::verify;

const AK: &str = "AKTEST00000000000000";
const SK: &str = "SKTEST-secret-value-000000000000000000000";

/// A payload using every construct, as the generated types write it: declared properties in spec
/// order, map keys sorted, optional properties left out, a required nullable property as `null`.
const WIRE: &str = concat!(
    r#"{"labels":{"env":"prod","team":"core"},"#,
    r#""tagged":{"owner":"ops","a":1,"b":2},"#,
    r#""weights":{"cpu":3},"#,
    r#""annotations":{"n":1,"s":"x","z":[true,null]},"#,
    r#""extension":{"any":{"deep":[1,2]}},"#,
    r#""tree":{"name":"root","child":{"name":"kid","children":[{"name":"leaf"}]},"#,
    r#""branch":{"leaf":true,"parent":{"name":"up"}}},"#,
    r#""device":{"kind":"disk","size_gb":10},"#,
    r#""scalar":7,"#,
    r#""either":{"zone":"a"},"#,
    r#""thing":{"maybe_note":null,"at":"2024-05-01T12:00:00Z","on_day":"2024-05-01","#,
    r#""uid":"123e4567-e89b-12d3-a456-426614174000","blob":"aGk=","raw":"bytes"},"#,
    r#""first":{"x":1},"second":{"y":2},"#,
    r#""outcome":{"ok":true,"detail":"off"},"#,
    r#""inline_choice":["a","b"]}"#
);

fn parse<T: serde::de::DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("serialise")
}

/// Every violation of `payload` sent as a request body, one line each.
fn violations(payload: Payload) -> Vec<String> {
    match PutPayloadRequest::builder()
        .body(payload)
        .build()
        .unwrap()
        .validate()
    {
        Ok(()) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn every_construct_reads_and_writes_the_same_bytes() {
    let payload: Payload = parse(WIRE);
    assert_eq!(to_json(&payload), WIRE);

    // Maps: a map schema, a struct with undeclared properties next to a declared one, and maps
    // of typed and of any values.
    assert_eq!(payload.labels["team"], "core");
    let tagged = payload.tagged.as_ref().expect("tagged");
    assert_eq!(tagged.owner, "ops");
    assert_eq!(
        tagged.additional_properties,
        BTreeMap::from([("a".to_string(), 1), ("b".to_string(), 2)])
    );
    assert_eq!(payload.weights.as_ref().expect("weights")["cpu"], 3);
    let annotations = payload.annotations.as_ref().expect("annotations");
    assert_eq!(annotations["z"], serde_json::json!([true, null]));
    // A free-form object is any JSON value.
    assert_eq!(
        payload.extension,
        Some(serde_json::json!({"any": {"deep": [1, 2]}}))
    );
    // Recursion, through a field, an array and another type.
    let tree = payload.tree.as_ref().expect("tree");
    let child = tree.child.as_ref().expect("child");
    assert_eq!(child.children.as_ref().expect("children")[0].name, "leaf");
    let parent = tree.branch.as_ref().and_then(|b| b.parent.as_ref());
    assert_eq!(parent.map(|p| p.name.as_str()), Some("up"));
    // allOf merged, picked by the discriminator.
    match &payload.device {
        Device::Disk(disk) => assert_eq!((disk.kind.as_str(), disk.size_gb), ("disk", 10)),
        other => panic!("expected a disk, got {other:?}"),
    }
    assert_eq!(payload.device.tag(), Some("disk"));
    // Untagged unions: the first alternative that reads the value wins.
    assert_eq!(payload.scalar, Some(Scalar::Integer(7)));
    match &payload.either {
        Some(Either::Labels(labels)) => assert_eq!(labels["zone"], "a"),
        other => panic!("expected labels, got {other:?}"),
    }
    assert_eq!(
        payload.inline_choice,
        Some(PayloadInlineChoice::Array(vec!["a".into(), "b".into()]))
    );
    // Nullable and string formats.
    let thing = payload.thing.as_ref().expect("thing");
    assert_eq!(thing.maybe_note, None);
    assert_eq!(thing.at.as_deref(), Some("2024-05-01T12:00:00Z"));
    assert_eq!(thing.blob.as_deref(), Some("aGk="));
    // Names that collide after case conversion are both there.
    assert_eq!(payload.first.as_ref().and_then(|a| a.x), Some(1));
    assert_eq!(payload.second.as_ref().and_then(|a| a.y), Some(2));
    // Schemas named `Result` and `Option` are `Result2` and `Option2` (the generated code names
    // the prelude's types bare); their wire form is untouched.
    let outcome: &Result2 = payload.outcome.as_ref().expect("outcome");
    assert_eq!(outcome.detail, Some(Option2::Off));
    assert_eq!(violations(payload), Vec::<String>::new());
}

#[test]
fn unions_keep_what_they_do_not_know_and_pick_alternatives_in_order() {
    // A discriminator value no alternative has: kept as it is, and written back unchanged.
    let gpu = r#"{"kind":"gpu","cores":4}"#;
    let device: Device = parse(gpu);
    assert!(matches!(&device, Device::Unknown(_)), "{device:?}");
    assert_eq!(device.tag(), None);
    assert_eq!(to_json(&device), gpu);
    // A value of a known tag must read as that alternative.
    let err = serde_json::from_str::<Device>(r#"{"kind":"disk","size_gb":"ten"}"#).unwrap_err();
    assert!(err.to_string().contains("invalid type"), "{err}");
    // Untagged: string before integer, as listed; anything else is Unknown.
    assert_eq!(parse::<Scalar>(r#""ab""#), Scalar::String("ab".into()));
    assert!(matches!(parse::<Scalar>("true"), Scalar::Unknown(_)));
    // anyOf: a disk reads as the first alternative.
    assert!(matches!(
        parse::<Either>(r#"{"kind":"disk","size_gb":1}"#),
        Either::Disk(_)
    ));
}

#[test]
fn validation_reports_each_construct_at_its_path() {
    let mut payload: Payload = parse(concat!(
        r#"{"labels":{},"tagged":{"owner":"ops","a":-1,"b":1,"c":2},"#,
        r#""weights":{"cpu":10,"x.y":11},"#,
        r#""tree":{"name":"root","child":{"name":""}},"#,
        r#""device":{"kind":"disk","size_gb":1},"scalar":"long","#,
        r#""either":{"kind":"disk","size_gb":0},"thing":{"maybe_note":"toolong"}}"#
    ));
    // A discriminator that contradicts the variant it is in.
    let disk: Disk = parse(r#"{"kind":"nic","size_gb":0}"#);
    payload.device = Device::from(disk);
    assert_eq!(
        violations(payload),
        [
            "body.labels: 0 properties, expected at least 1",
            "body.tagged.a: value -1, expected at least 0",
            "body.tagged: 4 properties, expected at most 3",
            "body.weights.cpu: value 10, expected at most 9",
            "body.weights[\"x.y\"]: value 11, expected at most 9",
            "body.tree.child.name: length 0, expected at least 1 character",
            "body.device.kind: value \"nic\" is not one of [\"disk\"]",
            "body.device.size_gb: value 0, expected at least 1",
            "body.scalar: length 4, expected at most 3 characters",
            "body.either.size_gb: value 0, expected at least 1",
            "body.thing.maybe_note: length 7, expected at most 5 characters",
        ]
    );

    // Values that are none of the alternatives are never sent.
    let mut payload: Payload = parse(WIRE);
    payload.device = parse(r#"{"kind":"gpu"}"#);
    payload.scalar = Some(parse("true"));
    payload.labels.insert("four".into(), "x".into());
    payload.labels.insert("five".into(), "x".into());
    let tagged = payload.tagged.as_mut().expect("tagged");
    tagged.additional_properties.remove("b");
    tagged.additional_properties.insert("owner".into(), 1);
    assert_eq!(
        violations(payload),
        [
            "body.labels: 4 properties, expected at most 3",
            "body.tagged.owner: is a declared property: set the field, not an additional property",
            "body.device.kind: value \"gpu\" is not one of [\"disk\", \"nic\"]",
            "body.scalar: value is none of the alternatives [String, Integer]",
        ]
    );
}

#[tokio::test]
async fn a_request_round_trip_sends_and_reads_the_exact_bytes() {
    let reply = WIRE.replace(
        r#""device":{"kind":"disk","size_gb":10}"#,
        r#""device":{"kind":"gpu","cores":4}"#,
    );
    let server = Server::start(vec![Reply::json(200, "req-1", &reply)]).await;
    let client = Client::builder()
        .credentials(Credentials::ak_sk(AK, SK))
        .endpoint_url(server.url())
        .request_timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    let response = client
        .put_payload(
            PutPayloadRequest::builder()
                .body(parse::<Payload>(WIRE))
                .build()
                .unwrap(),
        )
        .await
        .expect("response");

    let received = server.received();
    assert_eq!(received.len(), 1, "{received:#?}");
    let r = &received[0];
    assert_eq!(
        (r.method.as_str(), r.target.as_str()),
        ("POST", "/payloads")
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(String::from_utf8_lossy(&r.body), WIRE);
    let auth = verify(r, AK, SK).unwrap_or_else(|e| panic!("{e}"));
    assert!(auth.signed_headers.iter().any(|h| h == "host"), "{auth:?}");

    let body = response.into_body();
    assert!(
        matches!(body.device, Device::Unknown(_)),
        "{:?}",
        body.device
    );
    assert_eq!(to_json(&body), reply);
}
