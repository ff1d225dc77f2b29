//! Cost of the client's work per request, without the network: for each HSS operation (with the
//! spec's example request), validating, building the HTTP request (validation, parameter
//! resolution, JSON serialisation, URI), signing it with SDK-HMAC-SHA256, all of it together, and
//! parsing a success answer.
//!
//! Run with `cargo bench -p tests --bench client` (tests/Cargo.toml has its `[[bench]]` entry,
//! `harness = false`, and the `criterion` dev-dependency).

use std::time::{Duration, UNIX_EPOCH};

use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion};
use huaweicloud_hss::client::ClientBuilder;
use huaweicloud_hss::models::{
    AssetCategory, CreateGlobalAssetScanTaskRequestBody, CreateManualImageScanTaskRequestBody,
    CreateTaskRequestBody, GlobalImageType,
};
use huaweicloud_hss::operations::{
    CreateGlobalAssetScanTaskRequest, CreateManualImageScanTaskRequest, CreateTaskRequest,
};
use huaweicloud_hss::regions::Region;
use huaweicloud_hss::runtime::{Config, Credentials};
use huaweicloud_hss::Operation;

fn config() -> Config {
    ClientBuilder::new()
        .credentials(Credentials::ak_sk(
            "AKEXAMPLE0000000000",
            "SKEXAMPLE0000000000000000000000000000000",
        ))
        .project_id("0123456789abcdef0123456789abcdef")
        .region(Region::CnNorth4)
        .build_config()
        .expect("config")
}

/// One operation's steps, benchmarked under `{name}/...`.
fn bench_operation<R, T>(
    c: &mut Criterion,
    name: &str,
    request: R,
    validate: impl Fn(&R) -> bool,
    build: impl Fn(&R, &Config) -> http::Request<Vec<u8>>,
    parse: impl Fn(&[u8]) -> T,
    answer: &[u8],
) {
    let config = config();
    let at = UNIX_EPOCH + Duration::from_secs(1_704_164_645);
    let mut group = c.benchmark_group(name);
    group.bench_function("validate", |b| b.iter(|| validate(black_box(&request))));
    group.bench_function("build_request", |b| {
        b.iter(|| build(black_box(&request), &config))
    });
    let built = build(&request, &config);
    group.bench_function("sign", |b| {
        b.iter_batched(
            || built.clone(),
            |mut r| {
                config.authorize_at(&mut r, at).expect("sign");
                r
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("build_and_sign", |b| {
        b.iter(|| {
            let mut r = build(black_box(&request), &config);
            config.authorize_at(&mut r, at).expect("sign");
            r
        })
    });
    group.bench_function("parse_response", |b| b.iter(|| parse(black_box(answer))));
    group.finish();
}

fn benches(c: &mut Criterion) {
    let ok = http::StatusCode::OK;
    let mut headers = http::HeaderMap::new();
    headers.insert("x-request-id", "0123456789abcdef".parse().unwrap());

    let body: CreateTaskRequestBody = serde_json::from_str(
        r#"{"task_type":"cluster_scan","cluster_scan_info":{"scan_type_list":["cluster_vul"],"range_type":"all_cluster"}}"#,
    )
    .unwrap();
    bench_operation(
        c,
        "create_task",
        CreateTaskRequest::builder()
            .body(body)
            .enterprise_project_id("all_granted_eps")
            .build()
            .unwrap(),
        |r| r.validate().is_ok(),
        |r, config| r.build_request(config).expect("build"),
        |answer| CreateTaskRequest::parse_response(ok, &headers, answer).expect("parse"),
        br#"{"task_id":"d8xxxx05-8xx5-4xx0-9xx6-c3dbxxxxxxac"}"#,
    );

    let body: CreateGlobalAssetScanTaskRequestBody =
        serde_json::from_str(r#"{"all_hosts":true}"#).unwrap();
    bench_operation(
        c,
        "create_global_asset_scan_task",
        CreateGlobalAssetScanTaskRequest::builder()
            .category(AssetCategory::Host)
            .body(body)
            .enterprise_project_id("all_granted_eps")
            .build()
            .unwrap(),
        |r| r.validate().is_ok(),
        |r, config| r.build_request(config).expect("build"),
        |answer| {
            CreateGlobalAssetScanTaskRequest::parse_response(ok, &headers, answer).expect("parse")
        },
        br#"{"error":"84b5266c14ae489fa6549827f032dc62-all_granted_eps processed 1 tasks successfully."}"#,
    );

    bench_operation(
        c,
        "create_manual_image_scan_task",
        CreateManualImageScanTaskRequest::builder()
            .body(CreateManualImageScanTaskRequestBody::default())
            .enterprise_project_id("all_granted_eps")
            .global_image_type(GlobalImageType::Registry)
            .region("cn-north-4")
            .build()
            .unwrap(),
        |r| r.validate().is_ok(),
        |r, config| r.build_request(config).expect("build"),
        |answer| {
            CreateManualImageScanTaskRequest::parse_response(ok, &headers, answer).expect("parse")
        },
        b"",
    );
}

criterion_group!(client, benches);
criterion_main!(client);
