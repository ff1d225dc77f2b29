//! Validation cost of the largest HSS request: a manual image scan naming 200 images, with every
//! query_info field set, every string at its longest.
//!
//! Run with `cargo bench -p tests --bench validate`. Needs, in tests/Cargo.toml, the
//! `criterion` dev-dependency and a `[[bench]]` entry with `name = "validate"` and
//! `harness = false`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use huaweicloud_hss::models::{
    CreateManualImageScanTaskRequestBody, GlobalImageType, ImageInfo, ImageScanStatus, ImageType,
    LocalImageType, QueryInfo, RegistryType,
};
use huaweicloud_hss::operations::CreateManualImageScanTaskRequest;

fn s(n: usize) -> String {
    "x".repeat(n)
}

fn largest_request() -> CreateManualImageScanTaskRequest {
    let query_info = QueryInfo::builder()
        .local_image_type(LocalImageType::SwrImage)
        .host_id(s(128))
        .host_name(s(128))
        .public_ip(s(128))
        .private_ip(s(128))
        .cluster_id(s(128))
        .container_id(s(128))
        .container_name(s(128))
        .pod_id(s(64))
        .pod_name(s(512))
        .app_name(s(256))
        .has_vul(true)
        .namespace(s(256))
        .image_name(s(256))
        .image_version(s(256))
        .image_type(ImageType::InstanceImage)
        .scan_status(ImageScanStatus::Success)
        .image_size(1 << 30)
        .start_latest_update_time(1_700_000_000_000_i64)
        .end_latest_update_time(1_800_000_000_000_i64)
        .start_latest_scan_time(1_700_000_000_000_i64)
        .end_latest_scan_time(1_800_000_000_000_i64)
        .build()
        .unwrap();
    let images = (0..200)
        .map(|i| {
            ImageInfo::builder()
                .registry_type(RegistryType::SwrEnterprise)
                .id(i)
                .image_digest(format!("sha256:{i:064x}"))
                .namespace("team")
                .image_name(format!("image-{i}"))
                .image_version("1.0.0")
                .registry_id("registry-1")
                .registry_name("enterprise")
                .instance_id("instance-1")
                .instance_url("https://registry.example.com")
                .build()
                .unwrap()
        })
        .collect::<Vec<_>>();
    let body = CreateManualImageScanTaskRequestBody::builder()
        .scan_scope(0x7fff_ffff)
        .rate_limit(1000)
        .is_all(false)
        .query_info(query_info)
        .image_info(images)
        .build()
        .unwrap();
    CreateManualImageScanTaskRequest::builder()
        .body(body)
        .project_id("2b31ed520xxxxxxebedb6e57xxxxxxxx")
        .enterprise_project_id("all_granted_eps")
        .global_image_type("registry".parse::<GlobalImageType>().expect("infallible"))
        .region("cn-north-4")
        .build()
        .unwrap()
}

fn bench(c: &mut Criterion) {
    let request = largest_request();
    assert_eq!(request.validate(), Ok(()));
    c.bench_function(
        "validate image-scan request (200 images, full query_info)",
        |b| b.iter(|| black_box(&request).validate()),
    );
    // The same request with every image missing its instance_id: 200 violations to report.
    let mut broken = request.clone();
    for image in &mut broken.body.image_info.iter_mut().flatten() {
        image.instance_id = None;
    }
    assert_eq!(broken.validate().map_err(|e| e.len()), Err(200));
    c.bench_function("validate image-scan request, 200 violations", |b| {
        b.iter(|| black_box(&broken).validate())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
