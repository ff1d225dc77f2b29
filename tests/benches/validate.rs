//! Validation cost of the largest HSS request: a manual image scan naming 200 images, with every
//! query_info field set, every string at its longest.
//!
//! Run with `cargo bench -p tests --bench validate`. Needs, in tests/Cargo.toml, the
//! `criterion` dev-dependency and a `[[bench]]` entry with `name = "validate"` and
//! `harness = false`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use huaweicloud_hss::models::{
    CreateManualImageScanTaskRequestBody, ImageInfo, ImageScanStatus, ImageType, LocalImageType,
    QueryInfo, RegistryType,
};
use huaweicloud_hss::operations::CreateManualImageScanTaskRequest;

fn s(n: usize) -> String {
    "x".repeat(n)
}

fn largest_request() -> CreateManualImageScanTaskRequest {
    let query_info = QueryInfo::new()
        .with_local_image_type(LocalImageType::SwrImage)
        .with_host_id(s(128))
        .with_host_name(s(128))
        .with_public_ip(s(128))
        .with_private_ip(s(128))
        .with_cluster_id(s(128))
        .with_container_id(s(128))
        .with_container_name(s(128))
        .with_pod_id(s(64))
        .with_pod_name(s(512))
        .with_app_name(s(256))
        .with_has_vul(true)
        .with_namespace(s(256))
        .with_image_name(s(256))
        .with_image_version(s(256))
        .with_image_type(ImageType::InstanceImage)
        .with_scan_status(ImageScanStatus::Success)
        .with_image_size(1 << 30)
        .with_start_latest_update_time(1_700_000_000_000)
        .with_end_latest_update_time(1_800_000_000_000)
        .with_start_latest_scan_time(1_700_000_000_000)
        .with_end_latest_scan_time(1_800_000_000_000);
    let images = (0..200)
        .map(|i| {
            ImageInfo::new(RegistryType::SwrEnterprise)
                .with_id(i)
                .with_image_digest(format!("sha256:{i:064x}"))
                .with_namespace("team")
                .with_image_name(format!("image-{i}"))
                .with_image_version("1.0.0")
                .with_registry_id("registry-1")
                .with_registry_name("enterprise")
                .with_instance_id("instance-1")
                .with_instance_url("https://registry.example.com")
        })
        .collect();
    let body = CreateManualImageScanTaskRequestBody::new()
        .with_scan_scope(0x7fff_ffff)
        .with_rate_limit(1000)
        .with_is_all(false)
        .with_query_info(query_info)
        .with_image_info(images);
    CreateManualImageScanTaskRequest::new(body)
        .with_project_id("2b31ed520xxxxxxebedb6e57xxxxxxxx")
        .with_enterprise_project_id("all_granted_eps")
        .with_global_image_type("registry".parse().expect("infallible"))
        .with_region("cn-north-4")
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
