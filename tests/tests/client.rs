//! End-to-end tests of the generated client (`generated/`, crate `huaweicloud-hss`) against a
//! real HTTP server on 127.0.0.1 (support/server.rs): the exact requests each operation sends,
//! their signatures (verified independently, support/signature.rs), every error format, timeouts,
//! retries, hostile parameter values, validation, regions, token authentication, redaction of
//! secrets, and the public build/parse steps without the bundled transport.

mod support;

use std::time::{Duration, UNIX_EPOCH};

use huaweicloud_hss::client::{ClientBuilder, SERVICE};
use huaweicloud_hss::models::{
    AssetCategory, ClusterRangeType, ClusterScanInfo, ClusterScanType,
    CreateGlobalAssetScanTaskRequestBody, CreateManualImageScanTaskRequestBody,
    CreateTaskRequestBody, GlobalImageType, TaskType,
};
use huaweicloud_hss::operations::{
    CreateGlobalAssetScanTaskRequest, CreateManualImageScanTaskRequest, CreateTaskRequest,
    CreateTaskRequestBuilder,
};
use huaweicloud_hss::regions::{Region, UnknownRegion};
use huaweicloud_hss::runtime::service::AuthKind;
use huaweicloud_hss::runtime::{Credentials, RetryPolicy};
use huaweicloud_hss::{Client, Error, Operation};
use support::server::{Received, Reply, Server};
use support::signature::{self, verify};

const AK: &str = "AKTEST00000000000000";
const SK: &str = "SKTEST-secret-value-000000000000000000000";
const PROJECT: &str = "0123456789abcdef0123456789abcdef";

/// Retries that do not slow the tests down (Retry-After is still honoured up to 5 s).
fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_secs(5),
        ..RetryPolicy::default()
    }
}

/// A builder for `server` with AK/SK credentials and the project ID configured.
fn builder(server: &Server) -> ClientBuilder {
    Client::builder()
        .credentials(Credentials::ak_sk(AK, SK))
        .project_id(PROJECT)
        .endpoint_url(server.url())
        .retry_policy(fast_retries())
        .request_timeout(Duration::from_secs(10))
}

fn client(server: &Server) -> Client {
    builder(server).build().expect("client")
}

fn cluster_scan_body() -> CreateTaskRequestBody {
    let info = ClusterScanInfo::builder()
        .scan_type_list(vec![ClusterScanType::ClusterVul])
        .range_type(ClusterRangeType::AllCluster)
        .build()
        .unwrap();
    CreateTaskRequestBody::builder()
        .task_type(TaskType::ClusterScan)
        .cluster_scan_info(info)
        .build()
        .unwrap()
}

/// The cluster-scan request, still open for more parameters.
fn create_task_builder() -> CreateTaskRequestBuilder {
    CreateTaskRequest::builder().body(cluster_scan_body())
}

fn create_task() -> CreateTaskRequest {
    create_task_builder().build().unwrap()
}

const CLUSTER_SCAN_JSON: &str = r#"{"task_type":"cluster_scan","cluster_scan_info":{"scan_type_list":["cluster_vul"],"range_type":"all_cluster"}}"#;

fn only(server: &Server) -> Received {
    let received = server.received();
    assert_eq!(
        received.len(),
        1,
        "expected exactly one request: {received:#?}"
    );
    received.into_iter().next().unwrap()
}

/// The headers every signed request carries, and nothing else but `extra`.
fn assert_signed_headers(r: &Received, server: &Server, project: &str, extra: &[&str]) {
    assert_eq!(r.version, "HTTP/1.1");
    assert_eq!(r.header("host"), Some(server.host().as_str()));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("user-agent"), Some(SERVICE.user_agent));
    assert_eq!(r.header("x-project-id"), Some(project));
    assert_eq!(
        r.header("content-length"),
        Some(r.body.len().to_string().as_str())
    );
    let date = r.header("x-sdk-date").expect("X-Sdk-Date");
    assert!(
        date.len() == 16
            && date.as_bytes()[8] == b'T'
            && date.ends_with('Z')
            && date[..8].bytes().all(|b| b.is_ascii_digit())
            && date[9..15].bytes().all(|b| b.is_ascii_digit()),
        "{date}"
    );
    for name in r.header_names() {
        assert_eq!(r.header_all(name).len(), 1, "header {name} sent twice");
    }
    let mut expected = vec![
        "accept",
        "authorization",
        "content-length",
        "content-type",
        "host",
        "user-agent",
        "x-project-id",
        "x-sdk-date",
    ];
    expected.extend_from_slice(extra);
    expected.sort_unstable();
    assert_eq!(r.header_names(), expected);
    let auth = verify(r, AK, SK).unwrap_or_else(|e| panic!("{e}"));
    let mut signed = vec![
        "content-type",
        "host",
        "user-agent",
        "x-project-id",
        "x-sdk-date",
    ];
    signed.extend(extra.iter().filter(|n| !n.contains('_')));
    signed.sort_unstable();
    assert_eq!(auth.signed_headers, signed);
    assert!(
        !r.headers.iter().any(|(_, v)| v.contains(SK)),
        "the SK was sent"
    );
}

// ------------------------------------------------------------------------- each operation

#[tokio::test]
async fn create_task_sends_the_exact_signed_request_and_parses_the_answer() {
    let server = Server::start(vec![Reply::json(200, "req-1", r#"{"task_id":"t-42"}"#)]).await;
    let response = client(&server)
        .create_task(
            create_task_builder()
                .enterprise_project_id("0")
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some("req-1"));
    assert_eq!(response.body().task_id.as_deref(), Some("t-42"));

    let r = only(&server);
    assert_eq!(r.method, "POST");
    assert_eq!(r.path(), format!("/v5/{PROJECT}/common/task"));
    assert_eq!(r.query(), Some("enterprise_project_id=0"));
    assert_eq!(r.body_text(), CLUSTER_SCAN_JSON);
    assert_signed_headers(&r, &server, PROJECT, &[]);
}

#[tokio::test]
async fn create_global_asset_scan_task_sends_query_parameters_and_the_documented_body() {
    let message =
        "84b5266c14ae489fa6549827f032dc62-all_granted_eps processed 1 tasks successfully.";
    let server = Server::start(vec![Reply::json(
        200,
        "req-2",
        &format!(r#"{{"error":"{message}"}}"#),
    )])
    .await;
    // The body as in the spec's example, from JSON.
    let body: CreateGlobalAssetScanTaskRequestBody =
        serde_json::from_str(r#"{"all_hosts": true}"#).unwrap();
    let request = CreateGlobalAssetScanTaskRequest::builder()
        .category(AssetCategory::Host)
        .body(body)
        .enterprise_project_id("all_granted_eps")
        .build()
        .unwrap();
    let response = client(&server)
        .create_global_asset_scan_task(request)
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some("req-2"));
    assert_eq!(response.body().error.as_deref(), Some(message));

    let r = only(&server);
    assert_eq!(r.method, "POST");
    assert_eq!(r.path(), format!("/v5/{PROJECT}/asset/assign-task"));
    assert_eq!(
        r.query(),
        Some("category=host&enterprise_project_id=all_granted_eps")
    );
    assert_eq!(r.body_text(), r#"{"all_hosts":true}"#);
    assert_signed_headers(&r, &server, PROJECT, &[]);

    // With lists of IDs: item order and values kept.
    let server = Server::start(vec![Reply::json(200, "req-3", "{}")]).await;
    let body = CreateGlobalAssetScanTaskRequestBody::builder()
        .host_ids(vec!["h-2".into(), "h-1".into()])
        .server_group(vec!["g 1".into()])
        .build()
        .unwrap();
    let request = CreateGlobalAssetScanTaskRequest::builder()
        .category(AssetCategory::Container)
        .body(body)
        .build()
        .unwrap();
    let response = client(&server)
        .create_global_asset_scan_task(request)
        .await
        .unwrap();
    assert_eq!(response.body().error, None);
    let r = only(&server);
    assert_eq!(r.query(), Some("category=container"));
    assert_eq!(
        r.body_text(),
        r#"{"host_ids":["h-2","h-1"],"server_group":["g 1"]}"#
    );
    assert_signed_headers(&r, &server, PROJECT, &[]);
}

#[tokio::test]
async fn create_manual_image_scan_task_sends_the_header_parameter_and_accepts_no_content() {
    let server = Server::start(vec![
        Reply::empty(200, "req-4"),
        Reply::json(200, "req-5", "{}"),
    ])
    .await;
    let client = client(&server);
    let request = CreateManualImageScanTaskRequest::builder()
        .body(CreateManualImageScanTaskRequestBody::default())
        .enterprise_project_id("0")
        .global_image_type(GlobalImageType::Registry)
        .region("cn-north-4")
        .build()
        .unwrap();
    let response = client
        .create_manual_image_scan_task(request.clone())
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some("req-4"));
    let () = *response.body();
    let response = client.create_manual_image_scan_task(request).await.unwrap();
    assert_eq!(response.request_id(), Some("req-5"));

    let received = server.received();
    assert_eq!(received.len(), 2);
    for r in &received {
        assert_eq!(r.method, "POST");
        assert_eq!(r.path(), format!("/v5/{PROJECT}/image/image-scan/tasks"));
        assert_eq!(
            r.query(),
            Some("enterprise_project_id=0&global_image_type=registry")
        );
        assert_eq!(r.header("region"), Some("cn-north-4"));
        assert_eq!(r.body_text(), "{}");
        assert_signed_headers(r, &server, PROJECT, &["region"]);
    }
}

#[tokio::test]
async fn temporary_credentials_send_and_sign_the_security_token() {
    let server = Server::start(vec![Reply::json(200, "r", r#"{"task_id":"t"}"#)]).await;
    let client = builder(&server)
        .credentials(Credentials::temporary(AK, SK, "SECURITY-TOKEN-VALUE"))
        .build()
        .unwrap();
    client.create_task(create_task()).await.unwrap();
    let r = only(&server);
    assert_eq!(r.header("x-security-token"), Some("SECURITY-TOKEN-VALUE"));
    assert_signed_headers(&r, &server, PROJECT, &["x-security-token"]);
}

#[tokio::test]
async fn the_project_id_can_be_overridden_per_call() {
    let server = Server::start(vec![Reply::json(200, "r", "{}")]).await;
    client(&server)
        .create_task(
            create_task_builder()
                .project_id("other-project")
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    let r = only(&server);
    assert_eq!(r.path(), "/v5/other-project/common/task");
    assert_signed_headers(&r, &server, "other-project", &[]);

    // Without a configured project ID, the request's own is enough.
    let server = Server::start(vec![Reply::json(200, "r", "{}")]).await;
    let client = Client::builder()
        .credentials(Credentials::ak_sk(AK, SK))
        .endpoint_url(server.url())
        .build()
        .unwrap();
    client
        .create_task(create_task_builder().project_id("p-1").build().unwrap())
        .await
        .unwrap();
    let r = only(&server);
    assert_eq!(r.path(), "/v5/p-1/common/task");
    assert_signed_headers(&r, &server, "p-1", &[]);
}

#[tokio::test]
async fn a_missing_project_id_is_a_validation_error_and_nothing_is_sent() {
    let server = Server::start(vec![]).await;
    let client = Client::builder()
        .credentials(Credentials::ak_sk(AK, SK))
        .endpoint_url(server.url())
        .build()
        .unwrap();
    let err = client.create_task(create_task()).await.unwrap_err();
    let Error::Validation(errors) = &err else {
        panic!("{err:?}")
    };
    assert!(
        errors.iter().any(|v| v.path == "path.project_id"),
        "{errors}"
    );
    server.assert_untouched();
}

// ------------------------------------------------------------------------------ validation

#[tokio::test]
async fn validation_failures_send_nothing_and_report_every_violation() {
    let server = Server::start(vec![]).await;
    let client = client(&server);
    // task_type cluster_scan without cluster_scan_info; an empty enterprise project ID; a
    // project ID over 256 characters.
    let body = CreateTaskRequestBody::builder()
        .task_type(TaskType::ClusterScan)
        .build()
        .unwrap();
    let request = CreateTaskRequest::builder()
        .body(body)
        .enterprise_project_id("")
        .project_id("p".repeat(257))
        .build()
        .unwrap();
    let err = client.create_task(request).await.unwrap_err();
    let Error::Validation(errors) = &err else {
        panic!("{err:?}")
    };
    let paths: Vec<&str> = errors.iter().map(|v| v.path.as_str()).collect();
    assert!(paths.contains(&"query.enterprise_project_id"), "{paths:?}");
    assert!(paths.contains(&"path.project_id"), "{paths:?}");
    assert!(
        paths.iter().any(|p| p.contains("cluster_scan_info")),
        "{paths:?}"
    );
    assert!(err.to_string().contains("enterprise_project_id"), "{err}");

    // A value the spec does not list (an enum's catch-all) is rejected before sending too.
    let body: CreateTaskRequestBody =
        serde_json::from_str(r#"{"task_type":"no_such_type"}"#).unwrap();
    let err = client
        .create_task(CreateTaskRequest::builder().body(body).build().unwrap())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Validation(_)), "{err:?}");

    // 201 host IDs: maxItems is 200.
    let body = CreateGlobalAssetScanTaskRequestBody::builder()
        .host_ids((0..201).map(|i| format!("h-{i}")).collect::<Vec<_>>())
        .build()
        .unwrap();
    let request = CreateGlobalAssetScanTaskRequest::builder()
        .category(AssetCategory::Host)
        .body(body)
        .build()
        .unwrap();
    let err = client
        .create_global_asset_scan_task(request)
        .await
        .unwrap_err();
    let Error::Validation(errors) = &err else {
        panic!("{err:?}")
    };
    assert!(errors.iter().any(|v| v.path == "body.host_ids"), "{errors}");
    server.assert_untouched();
}

// ------------------------------------------------------------------ hostile parameter values

#[tokio::test]
async fn hostile_project_ids_cannot_change_the_path() {
    // (value, the path segment on the wire) or None when the value is refused before sending.
    let cases: &[(&str, Option<&str>)] = &[
        ("a/b", Some("a%2Fb")),
        ("?x", Some("%3Fx")),
        ("x#frag", Some("x%23frag")),
        ("a b", Some("a%20b")),
        ("%2e%2e", Some("%252e%252e")),
        ("../admin", Some("..%2Fadmin")),
        ("...", Some("...")),
        ("..", None),
        (".", None),
        ("项目", None),
        ("p\r\nX-Injected: 1", None),
    ];
    for (value, segment) in cases {
        // Per call, and from the configuration.
        for per_call in [true, false] {
            let server = Server::start(vec![Reply::json(200, "r", "{}")]).await;
            let outcome = if per_call {
                client(&server)
                    .create_task(create_task_builder().project_id(*value).build().unwrap())
                    .await
            } else {
                match Client::builder()
                    .credentials(Credentials::ak_sk(AK, SK))
                    .project_id(*value)
                    .endpoint_url(server.url())
                    .build()
                {
                    Ok(client) => client.create_task(create_task()).await,
                    Err(e) => Err(e),
                }
            };
            match segment {
                Some(segment) => {
                    outcome.unwrap_or_else(|e| panic!("{value:?}: {e}"));
                    let r = only(&server);
                    assert_eq!(r.path(), format!("/v5/{segment}/common/task"), "{value:?}");
                    assert_eq!(r.query(), None);
                    verify(&r, AK, SK).unwrap_or_else(|e| panic!("{value:?}: {e}"));
                }
                None => {
                    let err = outcome.expect_err(value);
                    assert!(
                        matches!(err, Error::InvalidRequest(_) | Error::Validation(_)),
                        "{value:?}: {err:?}"
                    );
                    server.assert_untouched();
                }
            }
        }
    }
}

#[tokio::test]
async fn header_values_with_cr_or_lf_are_rejected_before_sending() {
    for value in [
        "cn-north-4\r\nX-Injected: yes",
        "cn-north-4\nX-Injected: yes",
        "cn-north-4\rX",
        "cn\0north",
    ] {
        let server = Server::start(vec![Reply::json(200, "r", "{}")]).await;
        let request = CreateManualImageScanTaskRequest::builder()
            .body(CreateManualImageScanTaskRequestBody::default())
            .region(value)
            .build()
            .unwrap();
        let err = client(&server)
            .create_manual_image_scan_task(request)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
        let message = err.to_string();
        assert!(message.contains("region"), "{message}");
        assert!(!message.contains("X-Injected"), "{message}");
        server.assert_untouched();
    }
}

// ---------------------------------------------------------------------------------- errors

#[tokio::test]
async fn every_error_body_format_yields_code_message_and_request_id() {
    let server = Server::start(vec![
        Reply::json(400, "rid-400", r#"{"error_code":"HSS.0001","error_msg":"bad parameter"}"#),
        Reply::raw(
            401,
            "application/json",
            r#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information","request_id":"apigw-rid"}"#,
        ),
        Reply::json(403, "rid-403", r#"{"code":"HSS.1001","message":"no permission"}"#),
        Reply::json(404, "rid-404", r#"{"error":{"code":"HSS.1004","message":"not found"}}"#),
        Reply::raw(
            502,
            "text/html",
            "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
        )
        .header("X-Request-Id", "rid-502"),
    ])
    .await;
    let client = client(&server);
    let mut errors = Vec::new();
    for _ in 0..5 {
        errors.push(client.create_task(create_task()).await.unwrap_err());
    }
    let expect = [
        (400, "HSS.0001", "bad parameter", Some("rid-400")),
        (
            401,
            "APIGW.0301",
            "Incorrect IAM authentication information",
            Some("apigw-rid"),
        ),
        (403, "HSS.1001", "no permission", Some("rid-403")),
        (404, "HSS.1004", "not found", Some("rid-404")),
        (502, "502", "502 Bad Gateway", Some("rid-502")),
    ];
    for (err, (status, code, message, request_id)) in errors.iter().zip(expect) {
        let api = err.as_api_error().unwrap_or_else(|| panic!("{err:?}"));
        assert_eq!(api.status().as_u16(), status);
        assert_eq!(api.error_code(), code);
        assert!(api.error_msg().contains(message), "{}", api.error_msg());
        assert_eq!(api.request_id(), request_id);
        assert_eq!(err.request_id(), request_id);
        assert_eq!(api.is_client_error(), status < 500);
        assert_eq!(api.is_server_error(), status >= 500);
        let shown = err.to_string();
        assert!(
            shown.contains(code) && shown.contains(&status.to_string()),
            "{shown}"
        );
    }
    assert!(!errors[4].to_string().contains("<h1>"));
    // Every answer was final: a 502 to a POST is not retried by default.
    assert_eq!(server.received().len(), 5);
}

#[tokio::test]
async fn empty_and_malformed_success_bodies() {
    let server = Server::start(vec![
        Reply::empty(200, "r-empty"),
        Reply::json(200, "r-type", r#"{"task_id": 5}"#),
        Reply::raw(200, "text/html", "<html>maintenance</html>").header("X-Request-Id", "r-html"),
        Reply::json(200, "r-cut", r#"{"task_id":"t"#),
    ])
    .await;
    let client = client(&server);
    // The operation documents a JSON body: an empty one is an error naming the operation (even
    // though every field of CreateTaskResponseBody is optional).
    let err = client.create_task(create_task()).await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_eq!(err.request_id(), Some("r-empty"));
    assert!(
        err.to_string()
            .contains("CreateTask documents a JSON body, but the response body is empty"),
        "{err}"
    );
    for (rid, excerpt) in [
        ("r-type", "{\"task_id\": 5}"),
        ("r-html", "<html>maintenance</html>"),
        ("r-cut", "{\"task_id\":\"t"),
    ] {
        let err = client.create_task(create_task()).await.unwrap_err();
        match &err {
            Error::Decode {
                status,
                excerpt: got,
                ..
            } => {
                assert_eq!(status.as_u16(), 200);
                assert_eq!(got, excerpt);
            }
            other => panic!("{rid}: {other:?}"),
        }
        assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
    }
    // Decode errors are final.
    assert_eq!(server.received().len(), 4);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let server = Server::start(vec![Reply::hang(), Reply::hang()]).await;
    let client = builder(&server)
        .request_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = client.create_task(create_task()).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                during_connect: false
            }
        ),
        "{err:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // The POST was sent: a timeout after sending is not retried by default.
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(server.received().len(), 1);
    assert_eq!(server.received()[0].body_text(), CLUSTER_SCAN_JSON);
}

// --------------------------------------------------------------------------------- retries

#[tokio::test]
async fn throttling_is_retried_after_retry_after_with_a_fresh_signature() {
    let server = Server::start(vec![
        Reply::json(
            429,
            "r-429",
            r#"{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached"}"#,
        )
        .header("Retry-After", "1"),
        Reply::json(200, "r-200", r#"{"task_id":"t-after-429"}"#),
    ])
    .await;
    let response = client(&server).create_task(create_task()).await.unwrap();
    assert_eq!(response.request_id(), Some("r-200"));
    assert_eq!(response.body().task_id.as_deref(), Some("t-after-429"));

    let received = server.received();
    assert_eq!(received.len(), 2);
    let (first, second) = (&received[0], &received[1]);
    assert!(
        second.at.duration_since(first.at) >= Duration::from_millis(900),
        "Retry-After was not honoured"
    );
    let a = verify(first, AK, SK).unwrap();
    let b = verify(second, AK, SK).unwrap();
    // Re-signed: a later date and another signature, the same request otherwise.
    assert!(
        second.header("x-sdk-date") > first.header("x-sdk-date"),
        "{:?} {:?}",
        first.header("x-sdk-date"),
        second.header("x-sdk-date")
    );
    assert_ne!(a.signature, b.signature);
    assert_eq!(first.target, second.target);
    assert_eq!(first.body, second.body);
    assert_signed_headers(second, &server, PROJECT, &[]);
}

#[tokio::test]
async fn a_server_error_after_the_body_was_sent_is_retried_only_when_opted_in() {
    let failure = || {
        Reply::json(
            500,
            "r-500",
            r#"{"error_code":"HSS.0500","error_msg":"internal error"}"#,
        )
    };
    // Default: a POST is not repeated.
    let server = Server::start(vec![failure(), Reply::json(200, "r", "{}")]).await;
    let err = client(&server)
        .create_task(create_task())
        .await
        .unwrap_err();
    let api = err.as_api_error().expect("api error");
    assert_eq!(api.status().as_u16(), 500);
    assert_eq!(api.error_code(), "HSS.0500");
    assert_eq!(api.request_id(), Some("r-500"));
    let r = only(&server);
    assert_eq!(r.body_text(), CLUSTER_SCAN_JSON);

    // Opted in: retried, and re-signed.
    let server = Server::start(vec![
        failure(),
        Reply::json(200, "r-ok", r#"{"task_id":"t"}"#),
    ])
    .await;
    let client = builder(&server)
        .retry_policy(RetryPolicy {
            retry_non_idempotent: true,
            ..fast_retries()
        })
        .build()
        .unwrap();
    let response = client.create_task(create_task()).await.unwrap();
    assert_eq!(response.request_id(), Some("r-ok"));
    let received = server.received();
    assert_eq!(received.len(), 2);
    for r in &received {
        assert_signed_headers(r, &server, PROJECT, &[]);
        assert_eq!(r.body_text(), CLUSTER_SCAN_JSON);
    }

    // Retries are bounded by max_attempts.
    let server = Server::start(vec![failure(), failure(), failure(), failure()]).await;
    let client = builder(&server)
        .retry_policy(RetryPolicy {
            retry_non_idempotent: true,
            max_attempts: 3,
            ..fast_retries()
        })
        .build()
        .unwrap();
    let err = client.create_task(create_task()).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(server.received().len(), 3);
    const { assert!(!<CreateTaskRequest as Operation>::IDEMPOTENT) };
}

// --------------------------------------------------------------------------------- regions

/// The HSS spec's IR: what the region tests compare the generated table with.
fn hss_api() -> generator::ir::Api {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/hss.yaml");
    let text = std::fs::read_to_string(path).expect("read spec");
    let options = generator::Options {
        spec_name: "spec/hss.yaml".into(),
        crate_name: None,
    };
    generator::lower_spec(&text, &options).expect("spec lowers")
}

#[test]
fn the_region_table_comes_from_the_spec() {
    let api = hss_api();
    let ids: Vec<&str> = Region::ALL.iter().map(|r| r.id()).collect();
    let spec: Vec<&str> = api.regions.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, spec);
    assert_eq!(Region::default(), Region::DEFAULT);
    assert_eq!(Some(Region::DEFAULT.id()), api.default_region.as_deref());
    for (region, spec) in Region::ALL.iter().zip(&api.regions) {
        assert_eq!(region.endpoint(), spec.endpoint);
        assert_eq!(Region::from_id(region.id()), Some(*region));
        assert_eq!(region.to_string().parse::<Region>(), Ok(*region));
        // IDs are matched without regard to case or surrounding blanks.
        let loose = format!(" {} ", region.id().to_uppercase());
        assert_eq!(loose.parse::<Region>(), Ok(*region));
    }
}

#[test]
fn an_unknown_region_id_is_an_error_value() {
    assert_eq!(Region::from_id("xx-nowhere-1"), None);
    assert_eq!(Region::from_id(""), None);
    let err: UnknownRegion = "xx-nowhere-1".parse::<Region>().unwrap_err();
    assert_eq!(err.id(), "xx-nowhere-1");
    assert!(err.to_string().contains("xx-nowhere-1"));
    assert!(Region::try_from("xx-nowhere-1").is_err());
    assert!(Region::try_from(Region::DEFAULT.id().to_string()).is_ok());
    // A very long ID is kept bounded in the error.
    let long = "x".repeat(10_000);
    assert!(long.parse::<Region>().unwrap_err().to_string().len() < 300);

    let err = Client::builder()
        .credentials(Credentials::ak_sk(AK, SK))
        .region_id("xx-nowhere-1")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert!(err.to_string().contains("xx-nowhere-1"), "{err}");
}

#[test]
fn the_endpoint_comes_from_the_region_or_the_default() {
    let config = |b: ClientBuilder| {
        b.credentials(Credentials::ak_sk(AK, SK))
            .build_config()
            .unwrap()
            .endpoint()
            .to_string()
    };
    assert_eq!(config(ClientBuilder::new()), Region::DEFAULT.endpoint());
    for region in Region::ALL {
        assert_eq!(
            config(ClientBuilder::new().region(*region)),
            region.endpoint()
        );
        assert_eq!(
            config(ClientBuilder::new().region_id(region.id())),
            region.endpoint()
        );
        // An explicit endpoint wins over any region.
        assert_eq!(
            config(
                ClientBuilder::new()
                    .region(*region)
                    .endpoint_url("https://hss.example.test")
            ),
            "https://hss.example.test"
        );
    }
}

#[tokio::test]
async fn an_unknown_region_works_with_an_explicit_endpoint() {
    let server = Server::start(vec![Reply::json(200, "r", r#"{"task_id":"t"}"#)]).await;
    let client = builder(&server).region_id("xx-nowhere-1").build().unwrap();
    let response = client.create_task(create_task()).await.unwrap();
    assert_eq!(response.body().task_id.as_deref(), Some("t"));
    let r = only(&server);
    assert_signed_headers(&r, &server, PROJECT, &[]);
}

// ---------------------------------------------------------------------------- token, secrets

#[tokio::test]
async fn token_auth_sends_x_auth_token_and_no_signature() {
    let token = "MIITOKEN-VALUE-0123456789";
    let server = Server::start(vec![Reply::json(200, "r", r#"{"task_id":"t"}"#)]).await;
    let client = builder(&server)
        .credentials(Credentials::token(token))
        .build()
        .unwrap();
    client.create_task(create_task()).await.unwrap();
    let r = only(&server);
    assert_eq!(r.header("x-auth-token"), Some(token));
    assert_eq!(r.header("authorization"), None);
    assert_eq!(r.header("x-sdk-date"), None);
    assert_eq!(r.header("x-project-id"), Some(PROJECT));
    assert_eq!(r.body_text(), CLUSTER_SCAN_JSON);

    // The token's length is checked against the spec (1 to 32768 characters), without echoing it.
    for bad in [String::new(), "T".repeat(32_769)] {
        let err = Client::builder()
            .credentials(Credentials::token(bad.clone()))
            .endpoint_url(server.url())
            .build()
            .unwrap_err();
        assert!(
            matches!(err, Error::Validation(_) | Error::InvalidRequest(_)),
            "{err:?}"
        );
        if !bad.is_empty() {
            assert!(!err.to_string().contains(&bad[..100]));
        }
    }
}

#[test]
fn debug_output_never_shows_secrets() {
    let secrets = ["SECURITY-TOKEN-VALUE", "TOKEN-VALUE-SECRET", SK];
    for credentials in [
        Credentials::ak_sk(AK, SK),
        Credentials::temporary(AK, SK, "SECURITY-TOKEN-VALUE"),
        Credentials::token("TOKEN-VALUE-SECRET"),
    ] {
        let builder = Client::builder()
            .credentials(credentials.clone())
            .project_id(PROJECT);
        let config = builder.clone().build_config().unwrap();
        let client = builder.clone().build().unwrap();
        let shown = format!(
            "{credentials:?} {credentials:#?} {builder:?} {config:?} {config:#?} {client:?} {client:#?}"
        );
        for secret in secrets {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("***"));
    }
}

// --------------------------------------------------- building and parsing without transport

#[test]
fn build_authorize_and_parse_without_the_bundled_transport() {
    let config = ClientBuilder::new()
        .credentials(Credentials::ak_sk(AK, SK))
        .project_id(PROJECT)
        .region(Region::DEFAULT)
        .user_agent("my-stack/1.0")
        .build_config()
        .unwrap();
    let request = create_task_builder()
        .enterprise_project_id("0")
        .build()
        .unwrap();
    let mut http_request = request.build_request(&config).unwrap();
    assert_eq!(http_request.method(), http::Method::POST);
    assert_eq!(
        http_request.uri().to_string(),
        format!(
            "{}/v5/{PROJECT}/common/task?enterprise_project_id=0",
            Region::DEFAULT.endpoint()
        )
    );
    assert_eq!(http_request.body(), CLUSTER_SCAN_JSON.as_bytes());
    assert_eq!(http_request.headers()["content-type"], "application/json");
    assert!(!http_request.headers().contains_key("authorization"));
    assert!(!http_request.headers().contains_key("x-sdk-date"));
    // The configured project ID's header is the configuration's (made once, added by
    // `authorize`); a request's own project ID is set when the request is built.
    assert!(!http_request.headers().contains_key("x-project-id"));
    let own = create_task_builder()
        .project_id("own-project")
        .build()
        .unwrap()
        .build_request(&config)
        .unwrap();
    assert_eq!(own.headers()["x-project-id"], "own-project");
    assert!(own.uri().path().contains("/own-project/"), "{}", own.uri());
    let mut own = own;
    config.authorize(&mut own).unwrap();
    assert_eq!(own.headers()["x-project-id"], "own-project");
    assert_eq!(own.headers().get_all("x-project-id").iter().count(), 1);

    // 2024-01-02T03:04:05Z
    let at = UNIX_EPOCH + Duration::from_secs(1_704_164_645);
    config.authorize_at(&mut http_request, at).unwrap();
    let headers = http_request.headers();
    assert_eq!(headers["x-sdk-date"], "20240102T030405Z");
    let host = Region::DEFAULT.endpoint().trim_start_matches("https://");
    assert_eq!(headers["host"], host);
    assert_eq!(headers["user-agent"], "my-stack/1.0");
    assert_eq!(headers["x-project-id"], PROJECT);
    // What a server would receive, verified independently.
    let received = Received {
        method: http_request.method().to_string(),
        target: http_request.uri().path_and_query().unwrap().to_string(),
        version: "HTTP/1.1".into(),
        headers: headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
            .collect(),
        body: http_request.body().clone(),
        at: std::time::Instant::now(),
    };
    let auth = verify(&received, AK, SK).unwrap();
    assert_eq!(
        auth.signed_headers,
        [
            "content-type",
            "host",
            "user-agent",
            "x-project-id",
            "x-sdk-date"
        ]
    );

    // Validation happens in the build step too.
    let body = CreateTaskRequestBody::builder()
        .task_type(TaskType::IacScan)
        .build()
        .unwrap();
    let err = CreateTaskRequest::builder()
        .body(body)
        .build()
        .unwrap()
        .build_request(&config)
        .unwrap_err();
    assert!(matches!(err, Error::Validation(_)), "{err:?}");

    // Parsing.
    let mut headers = http::HeaderMap::new();
    headers.insert("x-request-id", "rid-1".parse().unwrap());
    let response =
        CreateTaskRequest::parse_response(http::StatusCode::OK, &headers, br#"{"task_id":"t-9"}"#)
            .unwrap();
    assert_eq!(response.status(), http::StatusCode::OK);
    assert_eq!(response.request_id(), Some("rid-1"));
    assert_eq!(response.into_body().task_id.as_deref(), Some("t-9"));
    let err = CreateTaskRequest::parse_response(
        http::StatusCode::BAD_REQUEST,
        &headers,
        br#"{"error_code":"HSS.0001","error_msg":"bad"}"#,
    )
    .unwrap_err();
    assert_eq!(err.as_api_error().unwrap().error_code(), "HSS.0001");
    assert_eq!(err.request_id(), Some("rid-1"));
    let response = CreateManualImageScanTaskRequest::parse_response(
        http::StatusCode::OK,
        &http::HeaderMap::new(),
        b"",
    )
    .unwrap();
    let () = *response.body();
}

#[test]
fn the_verifier_reproduces_the_reference_test_vector() {
    // The vector from REFERENCE.md, computed with the vendor's SDK: this checks the test's own
    // independent implementation.
    let project = "0123456789abcdef0123456789abcdef";
    let received = Received {
        method: "POST".into(),
        target: format!("/v5/{project}/common/task?enterprise_project_id=0"),
        version: "HTTP/1.1".into(),
        headers: vec![
            ("content-type".into(), "application/json".into()),
            ("user-agent".into(), "huaweicloud-usdk-python/3.0".into()),
            ("x-project-id".into(), project.into()),
            ("x-sdk-date".into(), "20240102T030405Z".into()),
            ("host".into(), "hss.cn-north-4.myhuaweicloud.com".into()),
            (
                "authorization".into(),
                "SDK-HMAC-SHA256 Access=AKEXAMPLE0000000000, SignedHeaders=content-type;host;user-agent;x-project-id;x-sdk-date, Signature=36e114ec9487348902221ab06c53d7fdcce6008d475ce43f57e5653b4df8619c".into(),
            ),
        ],
        body: br#"{"task_type": "cluster_scan", "cluster_scan_info": {"scan_type_list": ["cluster_vul"], "range_type": "part", "cluster_id_list": ["c-1"]}}"#.to_vec(),
        at: std::time::Instant::now(),
    };
    let signed: Vec<String> = "content-type;host;user-agent;x-project-id;x-sdk-date"
        .split(';')
        .map(str::to_owned)
        .collect();
    let canonical = signature::canonical_request(&received, &signed).unwrap();
    use sha2::Digest;
    let hash: String = sha2::Sha256::digest(canonical.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        hash,
        "dd8908420e53531690e6f9c73e6b0a7dfbaa7930193687b2efe07c0fea162ded"
    );
    verify(
        &received,
        "AKEXAMPLE0000000000",
        "SKEXAMPLE0000000000000000000000000000000",
    )
    .unwrap();
    assert!(verify(&received, "AKEXAMPLE0000000000", "wrong").is_err());
    assert_eq!(signature::canonical_uri("/v5/a%2Fb/x"), "/v5/a/b/x/");
    assert_eq!(
        signature::canonical_query(Some("b=2&a=y%20z&a=x")),
        "a=x&a=y%20z&b=2"
    );
}

// ------------------------------------------------------------------------------ environment

#[tokio::test]
async fn from_env_reads_the_variables_the_spec_names() {
    // The variable names come from the service's tables (the spec), not from this test.
    let (ak_env, sk_env) = SERVICE
        .auth
        .iter()
        .find_map(|scheme| match scheme.kind {
            AuthKind::Signing {
                access_key_env,
                secret_key_env,
                ..
            } => Some((access_key_env[0], secret_key_env[0])),
            _ => None,
        })
        .expect("a signing scheme with environment variables");
    let project_env = SERVICE
        .setting("project_id")
        .expect("project_id setting")
        .env[0];
    let endpoint_env = SERVICE.endpoint_env;
    let region_env = SERVICE.region_env.expect("a region variable");
    let server = Server::start(vec![Reply::json(200, "r", r#"{"task_id":"t"}"#)]).await;
    // Only this test touches these variables.
    std::env::set_var(ak_env, "AK-FROM-ENV");
    std::env::set_var(sk_env, "SK-FROM-ENV");
    std::env::set_var(project_env, "project-from-env");
    std::env::set_var(endpoint_env, server.url());
    let client = Client::from_env();
    // An unknown region from the environment is an error value; the explicit endpoint wins.
    std::env::set_var(region_env, "xx-nowhere-1");
    let with_region = ClientBuilder::new().from_env().build();
    std::env::remove_var(endpoint_env);
    let without_endpoint = ClientBuilder::new().from_env().build_config();
    std::env::remove_var(region_env);
    let default_region = ClientBuilder::new().from_env().build_config();
    for name in [ak_env, sk_env, project_env] {
        std::env::remove_var(name);
    }
    assert!(with_region.is_ok());
    let message = without_endpoint.unwrap_err().to_string();
    assert!(message.contains("xx-nowhere-1"), "{message}");
    assert!(message.contains("ClientBuilder::endpoint_url"), "{message}");
    assert_eq!(
        default_region.unwrap().endpoint().to_string(),
        Region::DEFAULT.endpoint()
    );

    let client = client.unwrap();
    client.create_task(create_task()).await.unwrap();
    let r = only(&server);
    assert_eq!(r.path(), "/v5/project-from-env/common/task");
    verify(&r, "AK-FROM-ENV", "SK-FROM-ENV").unwrap();
}
