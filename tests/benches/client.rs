//! Cost of the client's work per request, without the network: for each HSS operation (with the
//! spec's example request), validating, building the HTTP request (validation, parameter
//! resolution, JSON serialisation, URI), signing it with SDK-HMAC-SHA256, all of it together, and
//! parsing a success answer. `build_and_sign` is one request through all the public steps a
//! caller takes (`build_request`, which validates and serialises, then `Config::authorize_at`).
//!
//! Two further cases sign larger requests: an image scan naming enough images for a JSON body of
//! at least 100 KB (`create_manual_image_scan_task_100kb`), and a multipart/form-data upload
//! (`create_upload_multipart`: an 8 KiB file part, a few text parts and two small attachments),
//! through the `CreateUpload` operation of the end-to-end fixture crate `e2e-bodies`
//! (tests/e2e/bodies.yaml), since no HSS operation takes a multipart body. Its client signs with
//! the same runtime, so its steps are measured the same way.
//!
//! Run with `cargo bench -p tests --bench client` (tests/Cargo.toml has its `[[bench]]` entry,
//! `harness = false`, and the `criterion` dev-dependency).
//!
//! On a machine shared with other work, wall time per iteration grows with the load. With
//! `BENCH_CPU_TIME=1` in the environment (Linux and other Unix systems) the bench measures the
//! CPU time of its thread instead, which the load barely changes:
//! `BENCH_CPU_TIME=1 cargo bench -p tests --bench client`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{black_box, BatchSize, Criterion, Throughput};
use e2e_bodies::models::{Kind, Note};
use e2e_bodies::operations::{CreateUploadForm, CreateUploadRequest};
use e2e_bodies::runtime::FilePart;
use e2e_bodies::Operation as _;
use huaweicloud_hss::client::ClientBuilder;
use huaweicloud_hss::models::{
    AssetCategory, CreateGlobalAssetScanTaskRequestBody, CreateManualImageScanTaskRequestBody,
    CreateTaskRequestBody, GlobalImageType, ImageInfo, RegistryType,
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
#[allow(clippy::too_many_arguments)]
fn bench_operation<R, C, T, M: Measurement>(
    c: &mut Criterion<M>,
    name: &str,
    request: R,
    config: &C,
    validate: impl Fn(&R) -> bool,
    build: impl Fn(&R, &C) -> http::Request<Vec<u8>>,
    authorize: impl Fn(&C, &mut http::Request<Vec<u8>>, SystemTime),
    parse: impl Fn(&[u8]) -> T,
    answer: &[u8],
) {
    let at = UNIX_EPOCH + Duration::from_secs(1_704_164_645);
    let mut group = c.benchmark_group(name);
    group.bench_function("validate", |b| b.iter(|| validate(black_box(&request))));
    group.bench_function("build_request", |b| {
        b.iter(|| build(black_box(&request), config))
    });
    let built = build(&request, config);
    group.bench_function("sign", |b| {
        b.iter_batched(
            || built.clone(),
            |mut r| {
                authorize(config, &mut r, at);
                r
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("build_and_sign", |b| {
        b.iter(|| {
            let mut r = build(black_box(&request), config);
            authorize(config, &mut r, at);
            r
        })
    });
    group.bench_function("parse_response", |b| b.iter(|| parse(black_box(answer))));
    group.finish();
}

/// `Config::authorize_at` of the HSS crate.
fn authorize(config: &Config, request: &mut http::Request<Vec<u8>>, at: SystemTime) {
    config.authorize_at(request, at).expect("sign");
}

fn benches<M: Measurement>(c: &mut Criterion<M>) {
    let config = &config();
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
        config,
        |r| r.validate().is_ok(),
        |r, config| r.build_request(config).expect("build"),
        authorize,
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
        config,
        |r| r.validate().is_ok(),
        |r, config| r.build_request(config).expect("build"),
        authorize,
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
        config,
        |r| r.validate().is_ok(),
        |r, config| r.build_request(config).expect("build"),
        authorize,
        |answer| {
            CreateManualImageScanTaskRequest::parse_response(ok, &headers, answer).expect("parse")
        },
        b"",
    );

    let large = large_image_scan_request();
    let size = large.build_request(config).expect("build").body().len();
    assert!((100 * 1024..110 * 1024).contains(&size), "{size} bytes");
    bench_operation(
        c,
        "create_manual_image_scan_task_100kb",
        large,
        config,
        |r| r.validate().is_ok(),
        |r, config| r.build_request(config).expect("build"),
        authorize,
        |answer| {
            CreateManualImageScanTaskRequest::parse_response(ok, &headers, answer).expect("parse")
        },
        b"",
    );

    let upload = upload_request();
    let upload_config = e2e_bodies::client::ClientBuilder::new()
        .credentials(e2e_bodies::runtime::Credentials::ak_sk(
            "AKEXAMPLE0000000000",
            "SKEXAMPLE0000000000000000000000000000000",
        ))
        .project_id("0123456789abcdef0123456789abcdef")
        .endpoint_url("https://bodies.example.com")
        .build_config()
        .expect("config");
    let built = upload.build_request(&upload_config).expect("build");
    let content_type = built.headers()[http::header::CONTENT_TYPE]
        .to_str()
        .unwrap();
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    assert!(
        built.body().len() > UPLOAD_FILE_SIZE,
        "{} bytes",
        built.body().len()
    );
    bench_operation(
        c,
        "create_upload_multipart",
        upload,
        &upload_config,
        |r| r.validate().is_ok(),
        |r, config| r.build_request(config).expect("build"),
        |config, r, at| config.authorize_at(r, at).expect("sign"),
        |answer| CreateUploadRequest::parse_response(ok, &headers, answer).expect("parse"),
        br#"{"id":"u-1","score":7}"#,
    );
}

/// The size of the file part of the multipart upload.
const UPLOAD_FILE_SIZE: usize = 8 * 1024;

/// A multipart upload: a file part of [`UPLOAD_FILE_SIZE`] bytes, text parts (an enum, a number,
/// a JSON object, a list) and two small attachments.
fn upload_request() -> CreateUploadRequest {
    let file: Vec<u8> = (0..UPLOAD_FILE_SIZE)
        .map(|i| (i * 31 % 251) as u8)
        .collect();
    let note = Note::builder().title("screenshot").build().unwrap();
    let form = CreateUploadForm::builder()
        .file(FilePart::new("shot.png", file))
        .r#type(Kind::Image)
        .size(UPLOAD_FILE_SIZE as i64)
        .note(note)
        .tags(vec!["red".to_owned(), "blue green".to_owned()])
        .attachments(vec![
            FilePart::new("a.txt", b"A".to_vec()).content_type("text/plain"),
            FilePart::new("b.bin", b"\x00B".to_vec()),
        ])
        .build()
        .unwrap();
    CreateUploadRequest::builder().body(form).build().unwrap()
}

/// An image scan naming enough enterprise registry images for a JSON body of 100 KB or a little
/// more.
fn large_image_scan_request() -> CreateManualImageScanTaskRequest {
    let image = |i: i64| {
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
    };
    let entry_size = serde_json::to_vec(&image(100_000)).expect("json").len() + 1;
    let count = (100 * 1024 / entry_size + 1) as i64;
    let body = CreateManualImageScanTaskRequestBody::builder()
        .is_all(false)
        .image_info((100_000..100_000 + count).map(image).collect::<Vec<_>>())
        .build()
        .unwrap();
    CreateManualImageScanTaskRequest::builder()
        .body(body)
        .enterprise_project_id("all_granted_eps")
        .global_image_type(GlobalImageType::Registry)
        .region("cn-north-4")
        .build()
        .unwrap()
}

fn main() {
    if std::env::var_os("BENCH_CPU_TIME").is_some() {
        let mut c = Criterion::default()
            .with_measurement(ThreadCpuTime)
            .configure_from_args();
        benches(&mut c);
        c.final_summary();
    } else {
        let mut c = Criterion::<WallTime>::default().configure_from_args();
        benches(&mut c);
        c.final_summary();
    }
}

/// The CPU time the benchmark's thread has used (`CLOCK_THREAD_CPUTIME_ID`).
struct ThreadCpuTime;

fn thread_cpu_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec for the call to write.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

impl Measurement for ThreadCpuTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        thread_cpu_time()
    }

    fn end(&self, start: Duration) -> Duration {
        thread_cpu_time().saturating_sub(start)
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuNanoseconds
    }
}

/// Nanoseconds shown as ns, µs, ms or s (of CPU time).
struct CpuNanoseconds;

impl ValueFormatter for CpuNanoseconds {
    fn scale_values(&self, typical: f64, values: &mut [f64]) -> &'static str {
        let (factor, unit) = match typical {
            t if t < 1e3 => (1.0, "ns (CPU)"),
            t if t < 1e6 => (1e-3, "µs (CPU)"),
            t if t < 1e9 => (1e-6, "ms (CPU)"),
            _ => (1e-9, "s (CPU)"),
        };
        values.iter_mut().for_each(|v| *v *= factor);
        unit
    }

    fn scale_throughputs(
        &self,
        _typical: f64,
        throughput: &Throughput,
        values: &mut [f64],
    ) -> &'static str {
        let (per, unit) = match throughput {
            Throughput::Bytes(n) | Throughput::BytesDecimal(n) => (*n as f64, "B/s (CPU)"),
            Throughput::Elements(n) => (*n as f64, "elem/s (CPU)"),
        };
        values.iter_mut().for_each(|v| *v = per * 1e9 / *v);
        unit
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}
