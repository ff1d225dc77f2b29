//! End-to-end tests of every kind of body (fixture tests/e2e/bodies.yaml, crate `e2e-bodies`)
//! against the loopback server: the exact method, path, `Content-Type` and body bytes of each
//! request, its signature recomputed independently (support/signature.rs hashes the bytes the
//! server received), and each kind of response parsed: JSON arrays (of arrays), text, bytes, 204
//! and undocumented content, and the errors of a JSON response that is empty or not JSON.

mod support;

use std::time::Duration;

use e2e_bodies::models::{Item, Kind, Note};
use e2e_bodies::operations::{
    BatchCreateItemsRequest, CreateNoteRequest, CreateUploadForm, CreateUploadRequest,
    DeleteItemRequest, DownloadFileRequest, GetStatusRequest, ListStoredItemsRequest, PingRequest,
    PutMatrixRequest, PutNoteTextRequest, UploadFileRequest,
};
use e2e_bodies::runtime::{Credentials, FilePart, RetryPolicy};
use e2e_bodies::{Client, Error};
use support::server::{Received, Reply, Server};
use support::signature::verify;

const AK: &str = "AKBODIES000000000000";
const SK: &str = "SKBODIES-secret-value-00000000000000000";
const PROJECT: &str = "p-0123";

fn client(server: &Server) -> Client {
    Client::builder()
        .credentials(Credentials::ak_sk(AK, SK))
        .project_id(PROJECT)
        .endpoint_url(server.url())
        .retry_policy(RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        })
        .request_timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

fn only(server: &Server) -> Received {
    let mut received = server.received();
    assert_eq!(received.len(), 1, "expected one request: {received:#?}");
    received.remove(0)
}

/// Asserts the request line, the `Content-Type` (or its absence), the exact body bytes, and the
/// signature, recomputed over the bytes received (the `Content-Type` is signed when sent).
fn assert_request(r: &Received, method: &str, path: &str, content_type: Option<&str>, body: &[u8]) {
    assert_eq!(r.method, method);
    assert_eq!(r.path(), path);
    assert_eq!(r.query(), None);
    assert_eq!(r.header("content-type"), content_type, "{r:#?}");
    assert_eq!(
        r.header_all("content-type").len(),
        usize::from(content_type.is_some())
    );
    assert_eq!(r.body, body, "body: {:?}", String::from_utf8_lossy(&r.body));
    let length = r.header("content-length").unwrap_or("0");
    assert_eq!(length, body.len().to_string());
    assert_eq!(r.header("x-project-id"), Some(PROJECT));
    let auth = verify(r, AK, SK).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        auth.signed_headers.iter().any(|h| h == "content-type"),
        content_type.is_some()
    );
}

fn bytes_reply(status: u16, content_type: &str, body: &[u8]) -> Reply {
    Reply::Respond {
        status,
        headers: vec![("Content-Type".into(), content_type.into())],
        body: body.to_vec(),
    }
}

fn item(id: &str, score: Option<i32>) -> Item {
    let mut item = Item::builder().id(id).build().unwrap();
    item.score = score;
    item
}

// ------------------------------------------------------------------- JSON arrays

#[tokio::test]
async fn array_bodies_and_arrays_of_arrays_go_both_ways() {
    let server = Server::start(vec![Reply::json(200, "r-1", "[[1, 2], [], [3]]")]).await;
    let request = BatchCreateItemsRequest::builder()
        .body(vec![item("a", Some(7)), item("b", None)])
        .build()
        .unwrap();
    let response = client(&server).batch_create_items(request).await.unwrap();
    assert_eq!(response.body(), &vec![vec![1, 2], vec![], vec![3]]);
    assert_eq!(response.request_id(), Some("r-1"));
    let r = only(&server);
    assert_request(
        &r,
        "POST",
        &format!("/v1/{PROJECT}/items"),
        Some("application/json"),
        br#"[{"id":"a","score":7},{"id":"b"}]"#,
    );

    let server = Server::start(vec![Reply::json(200, "r-2", r#"["x","y"]"#)]).await;
    let matrix = vec![vec!["a".to_string(), "b c".to_string()], vec![]];
    let response = client(&server)
        .put_matrix(PutMatrixRequest::builder().body(matrix).build().unwrap())
        .await
        .unwrap();
    assert_eq!(response.body(), &vec!["x".to_string(), "y".to_string()]);
    assert_request(
        &only(&server),
        "PUT",
        &format!("/v1/{PROJECT}/matrix"),
        Some("application/json"),
        br#"[["a","b c"],[]]"#,
    );

    let server = Server::start(vec![Reply::json(
        200,
        "r-3",
        r#"[{"id":"a","score":1},{"id":"b","extra":true}]"#,
    )])
    .await;
    let response = client(&server)
        .list_stored_items(ListStoredItemsRequest::builder().build().unwrap())
        .await
        .unwrap();
    assert_eq!(response.body(), &vec![item("a", Some(1)), item("b", None)]);
    assert_request(
        &only(&server),
        "GET",
        &format!("/v1/{PROJECT}/items"),
        None,
        b"",
    );
}

#[tokio::test]
async fn array_body_constraints_are_checked_before_sending() {
    let server = Server::start(vec![]).await;
    let err = client(&server)
        .batch_create_items(
            BatchCreateItemsRequest::builder()
                .body(vec![])
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    let Error::Validation(errors) = &err else {
        panic!("unexpected {err:?}")
    };
    assert!(err.to_string().contains("body"), "{err}");
    assert_eq!(errors.len(), 1, "{err}");
    let four: Vec<_> = (0..4).map(|i| item(&i.to_string(), None)).collect();
    let err = client(&server)
        .batch_create_items(
            BatchCreateItemsRequest::builder()
                .body(four)
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
    let err = client(&server)
        .put_matrix(
            PutMatrixRequest::builder()
                .body(vec![vec!["123456789".into()]])
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("body[0][0]"), "{err}");
    server.assert_untouched();
}

// ------------------------------------------------------------- optional and absent bodies

#[tokio::test]
async fn an_optional_body_left_unset_sends_no_body_and_no_content_type() {
    let server = Server::start(vec![
        Reply::json(201, "r-1", r#"{"id":"n-1"}"#),
        Reply::json(201, "r-2", r#"{"id":"n-2"}"#),
    ])
    .await;
    let c = client(&server);
    let response = c
        .create_note(CreateNoteRequest::builder().build().unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    assert_eq!(response.body().id, "n-1");
    let mut note = Note::builder().build().unwrap();
    note.title = Some("hi \"there\"".into());
    note.pinned = Some(true);
    let response = c
        .create_note(CreateNoteRequest::builder().body(note).build().unwrap())
        .await
        .unwrap();
    assert_eq!(response.body().id, "n-2");
    let received = server.received();
    assert_eq!(received.len(), 2);
    let path = format!("/v1/{PROJECT}/notes");
    assert_request(&received[0], "POST", &path, None, b"");
    assert_request(
        &received[1],
        "POST",
        &path,
        Some("application/json"),
        br#"{"title":"hi \"there\"","pinned":true}"#,
    );
}

#[tokio::test]
async fn operations_without_a_body_and_no_content_responses() {
    let server = Server::start(vec![
        Reply::empty(204, "r-1"),
        Reply::empty(204, "r-2"),
        Reply::empty(200, "r-3"),
        Reply::json(200, "r-4", "{}"),
        Reply::raw(200, "text/html", "<html>ok</html>"),
    ])
    .await;
    let c = client(&server);
    let response = c
        .ping(PingRequest::builder().build().unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert_eq!(response.request_id(), Some("r-1"));
    let () = response.into_body();
    let response = c
        .delete_item(
            DeleteItemRequest::builder()
                .item_id("it/1")
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    // A 2xx that documents no content: any body is success, and ignored.
    for _ in 0..3 {
        let response = c
            .get_status(GetStatusRequest::builder().build().unwrap())
            .await
            .unwrap();
        let () = *response.body();
        assert_eq!(response.status(), 200);
    }
    let received = server.received();
    assert_eq!(received.len(), 5);
    assert_request(
        &received[0],
        "POST",
        &format!("/v1/{PROJECT}/ping"),
        None,
        b"",
    );
    assert_request(
        &received[1],
        "DELETE",
        &format!("/v1/{PROJECT}/items/it%2F1"),
        None,
        b"",
    );
    for r in &received[2..] {
        assert_request(r, "GET", &format!("/v1/{PROJECT}/status"), None, b"");
    }
}

#[tokio::test]
async fn no_content_operations_still_report_service_errors() {
    let server = Server::start(vec![Reply::json(
        404,
        "r-1",
        r#"{"error_code":"E.404","error_msg":"no such item"}"#,
    )])
    .await;
    let err = client(&server)
        .delete_item(DeleteItemRequest::builder().item_id("x").build().unwrap())
        .await
        .unwrap_err();
    let api = err.as_api_error().expect("an API error");
    assert_eq!(api.status(), 404);
    assert_eq!(api.request_id(), Some("r-1"));
}

// ------------------------------------------------------------------------ text and bytes

#[tokio::test]
async fn text_bodies_are_sent_and_read_as_utf8() {
    let server = Server::start(vec![bytes_reply(
        200,
        "text/plain; charset=utf-8",
        "stored: héllo\n".as_bytes(),
    )])
    .await;
    let text = "héllo wörld\r\n\"quoted\"";
    let response = client(&server)
        .put_note_text(
            PutNoteTextRequest::builder()
                .note_id("n 1")
                .body(text.to_string())
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.body(), "stored: héllo\n");
    assert_request(
        &only(&server),
        "PUT",
        &format!("/v1/{PROJECT}/notes/n%201/text"),
        Some("text/plain"),
        text.as_bytes(),
    );

    // The text body's maxLength is checked; a response that is not UTF-8 is a decode error.
    let server = Server::start(vec![bytes_reply(200, "text/plain", b"\xff\xfe")]).await;
    let err = client(&server)
        .put_note_text(
            PutNoteTextRequest::builder()
                .note_id("n")
                .body("x".repeat(65))
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Validation(_)), "{err:?}");
    server.assert_untouched();
    let err = client(&server)
        .put_note_text(
            PutNoteTextRequest::builder()
                .note_id("n")
                .body("ok".to_string())
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert!(err.to_string().contains("PutNoteText"), "{err}");
}

#[tokio::test]
async fn binary_bodies_are_sent_and_read_as_exact_bytes() {
    let data: Vec<u8> = (0..=255u8).rev().chain(*b"\r\n--x--\r\n").collect();
    let server = Server::start(vec![
        bytes_reply(200, "application/octet-stream", &data),
        Reply::empty(204, "r-2"),
        Reply::empty(204, "r-3"),
    ])
    .await;
    let c = client(&server);
    let response = c
        .download_file(
            DownloadFileRequest::builder()
                .file_id("f.bin")
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.body(), &data);
    // Whatever the content type the server gives a binary body.
    let response = c
        .upload_file(
            UploadFileRequest::builder()
                .file_id("f.bin")
                .body(data.clone())
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    c.upload_file(
        UploadFileRequest::builder()
            .file_id("empty")
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    let received = server.received();
    assert_eq!(received.len(), 3);
    assert_request(
        &received[0],
        "GET",
        &format!("/v1/{PROJECT}/files/f.bin"),
        None,
        b"",
    );
    assert_request(
        &received[1],
        "PUT",
        &format!("/v1/{PROJECT}/files/f.bin"),
        Some("application/octet-stream"),
        &data,
    );
    assert_request(
        &received[2],
        "PUT",
        &format!("/v1/{PROJECT}/files/empty"),
        None,
        b"",
    );
}

// -------------------------------------------------------------------------- multipart

/// The body RFC 7578 gives for the upload form of these tests, written out by hand.
fn expected_upload(boundary: &str, png: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut push = |s: &[u8]| out.extend_from_slice(s);
    let b = boundary.as_bytes();
    push(b"--");
    push(b);
    push(b"\r\nContent-Disposition: form-data; name=\"file\"; filename=\"shot %221%22.png\"\r\nContent-Type: image/png\r\n\r\n");
    push(png);
    push(b"\r\n--");
    push(b);
    push(b"\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nimage\r\n--");
    push(b);
    push(b"\r\nContent-Disposition: form-data; name=\"size\"\r\n\r\n42\r\n--");
    push(b);
    push(b"\r\nContent-Disposition: form-data; name=\"note\"\r\nContent-Type: application/json\r\n\r\n{\"title\":\"t\"}\r\n--");
    push(b);
    push(b"\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nred\r\n--");
    push(b);
    push(b"\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nblue green\r\n--");
    push(b);
    push(b"\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nA\r\n--");
    push(b);
    push(b"\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"b.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n\x00B\r\n--");
    push(b);
    push(b"--\r\n");
    out
}

fn upload_form(png: &[u8]) -> CreateUploadForm {
    let mut note = Note::builder().build().unwrap();
    note.title = Some("t".into());
    CreateUploadForm::builder()
        .file(FilePart::new("shot \"1\".png", png.to_vec()))
        .r#type(Kind::Image)
        .size(42)
        .note(note)
        .tags(vec!["red".into(), "blue green".into()])
        .attachments(vec![
            FilePart::new("a.txt", b"A".to_vec()).content_type("text/plain"),
            FilePart::new("b.bin", b"\x00B".to_vec()),
        ])
        .build()
        .unwrap()
}

fn boundary_of(r: &Received) -> String {
    let content_type = r.header("content-type").expect("a Content-Type");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("{content_type}"));
    assert!(
        !boundary.is_empty()
            && boundary.len() <= 70
            && boundary
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-'),
        "{boundary}"
    );
    boundary.to_string()
}

#[tokio::test]
async fn multipart_uploads_send_the_exact_form_bytes_signed() {
    let png = b"\x89PNG\r\n\x1a\n--not-a-boundary\r\n";
    let server = Server::start(vec![
        Reply::json(200, "r-1", r#"{"id":"u-1"}"#),
        Reply::json(200, "r-2", r#"{"id":"u-2"}"#),
        Reply::json(200, "r-3", r#"{"id":"u-3"}"#),
    ])
    .await;
    let c = client(&server);
    let response = c
        .create_upload(
            CreateUploadRequest::builder()
                .body(upload_form(png))
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.body().id, "u-1");
    // The same form again: the same boundary and bytes (the boundary derives from the content).
    c.create_upload(
        CreateUploadRequest::builder()
            .body(upload_form(png))
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    // Only the required parts; another content, another boundary.
    let minimal = CreateUploadForm::builder()
        .file(FilePart::new("x", b"1".to_vec()))
        .r#type(Kind::Log)
        .build()
        .unwrap();
    c.create_upload(
        CreateUploadRequest::builder()
            .body(minimal)
            .build()
            .unwrap(),
    )
    .await
    .unwrap();

    let received = server.received();
    assert_eq!(received.len(), 3);
    let path = format!("/v1/{PROJECT}/uploads");
    let boundary = boundary_of(&received[0]);
    let expected = expected_upload(&boundary, png);
    let content_type = format!("multipart/form-data; boundary={boundary}");
    assert_request(&received[0], "POST", &path, Some(&content_type), &expected);
    assert_request(&received[1], "POST", &path, Some(&content_type), &expected);

    let other = boundary_of(&received[2]);
    assert_ne!(other, boundary);
    let minimal = format!(
        "--{other}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\nContent-Type: image/png\r\n\r\n1\r\n--{other}\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nlog\r\n--{other}--\r\n"
    );
    assert_request(
        &received[2],
        "POST",
        &path,
        Some(&format!("multipart/form-data; boundary={other}")),
        minimal.as_bytes(),
    );
}

#[tokio::test]
async fn multipart_parts_are_validated_and_bad_part_content_types_rejected() {
    let server = Server::start(vec![]).await;
    let form = CreateUploadForm::builder()
        .file(FilePart::new("x", vec![]))
        .r#type(Kind::Log)
        .size(0)
        .tags(vec!["a".into(); 4])
        .build()
        .unwrap();
    let err = client(&server)
        .create_upload(CreateUploadRequest::builder().body(form).build().unwrap())
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("body.size") && text.contains("body.tags"),
        "{text}"
    );
    let file = FilePart::new("x", vec![]).content_type("image/png\r\nX-Evil: 1");
    let err = client(&server)
        .create_upload(
            CreateUploadRequest::builder()
                .body(
                    CreateUploadForm::builder()
                        .file(file)
                        .r#type(Kind::Log)
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert!(err.to_string().contains("file"), "{err}");
    server.assert_untouched();
}

// ----------------------------------------------------------------- JSON response checks

#[tokio::test]
async fn json_responses_that_are_empty_or_not_json_are_errors_naming_the_operation() {
    let server = Server::start(vec![
        Reply::raw(200, "text/html", "<html>proxy</html>").header("X-Request-Id", "r-1"),
        Reply::empty(200, "r-2"),
        bytes_reply(200, "application/json", b"{\"id\":1}"),
    ])
    .await;
    let c = client(&server);
    let mut messages = Vec::new();
    for _ in 0..3 {
        let err = c
            .list_stored_items(ListStoredItemsRequest::builder().build().unwrap())
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{err:?}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
        messages.push(err.to_string());
    }
    assert!(
        messages[0].contains(
            "ListStoredItems documents a JSON body, but the response's Content-Type is \"text/html\""
        ),
        "{}",
        messages[0]
    );
    assert!(
        messages[1]
            .contains("ListStoredItems documents a JSON body, but the response body is empty"),
        "{}",
        messages[1]
    );
    assert!(messages[2].contains("ListStoredItems"), "{}", messages[2]);
}
