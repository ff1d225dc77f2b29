//! End-to-end tests of parameter styles and types, real header and query names and declared
//! response headers: the crate generated from tests/e2e/params.yaml against the loopback server.
//! Each test asserts the exact method, path, query bytes, headers and body received, that the
//! query sent is the canonical one, and the signature recomputed independently from those bytes
//! (support/signature.rs).

mod support;

use e2e_params::models::{Color, Level, PutNamesXLanguage};
use e2e_params::operations::{
    DeleteTagsRequest, ListItemsRequest, ListItemsResponseHeaders, PutNamesRequest,
    PutNamesResponseHeaders,
};
use e2e_params::runtime::Credentials;
use e2e_params::{Client, Error};
use support::server::{Received, Reply, Server};
use support::signature::{canonical_query, verify};

const AK: &str = "AKPARAMS000000000000";
const SK: &str = "SKPARAMS-secret-value-00000000000000000000";
const PROJECT: &str = "p-0123";

fn client(server: &Server, credentials: Credentials) -> Client {
    Client::builder()
        .credentials(credentials)
        .project_id(PROJECT)
        .endpoint_url(server.url())
        .build()
        .expect("client")
}

fn only(server: &Server) -> Received {
    let mut received = server.received();
    assert_eq!(received.len(), 1, "{received:#?}");
    received.remove(0)
}

/// The query as received is the canonical query (sorted, encoded as signed), and the signature
/// recomputed from the received bytes matches; returns the signed header names.
fn assert_canonical_and_signed(r: &Received) -> Vec<String> {
    assert_eq!(
        r.query().unwrap_or_default(),
        canonical_query(r.query()),
        "the query sent is not the canonical one"
    );
    for name in r.header_names() {
        assert_eq!(r.header_all(name).len(), 1, "header {name} sent twice");
    }
    verify(r, AK, SK)
        .unwrap_or_else(|e| panic!("{e}"))
        .signed_headers
}

fn list_items_reply() -> Reply {
    Reply::json(200, "req-1", r#"{"count":2}"#)
        .header("X-Total-Count", "7")
        .header("X-Next-Color", "light blue")
        .header("X-Level", "3")
        .header("X-Partial", "false")
        .header("X-Shards", "1, 2")
}

#[tokio::test]
async fn every_array_style_and_scalar_type_goes_on_the_wire_as_declared_and_signed() {
    let server = Server::start(vec![list_items_reply()]).await;
    let request = ListItemsRequest::builder()
        .item_id(42)
        .ids(vec!["b".into(), "a b".into()])
        .csv(vec!["x/1".into(), "y".into()])
        .spaced(vec!["p".into(), "q".into()])
        .piped(vec![3, 1])
        .levels(vec![Level::V2, Level::V1])
        .colors(vec![Color::Red, Color::LightBlue])
        .limit(10)
        .ratio(0.5)
        .exact(true)
        .color(Color::LightBlue)
        .x_tags(vec!["t1".into(), "t2".into()])
        .build()
        .unwrap();
    let response = client(&server, Credentials::ak_sk(AK, SK))
        .list_items(request)
        .await
        .unwrap();

    let r = only(&server);
    assert_eq!(r.method, "GET");
    assert_eq!(r.path(), format!("/v1/{PROJECT}/items/42"));
    // form/explode: repeated keys; form/explode false: one pair `a,b` sent (and signed) as
    // `a%2Cb`; spaceDelimited `%20`; pipeDelimited `%7C`; enums by wire value; pairs sorted.
    assert_eq!(
        r.query(),
        Some(
            "color=light%20blue&colors=red%2Clight%20blue&csv=x%2F1%2Cy&exact=true\
             &ids=a%20b&ids=b&levels=1&levels=2&limit=10&piped=3%7C1&ratio=0.5&spaced=p%20q"
        )
    );
    assert_eq!(r.header("x-tags"), Some("t1,t2"));
    assert!(r.body.is_empty());
    let signed = assert_canonical_and_signed(&r);
    assert!(signed.iter().any(|h| h == "x-tags"), "{signed:?}");

    // Declared response headers, typed.
    let headers = response
        .declared_headers::<ListItemsResponseHeaders>()
        .expect("declared headers");
    assert_eq!(headers.x_total_count, 7);
    assert_eq!(headers.x_next_color, Some(Color::LightBlue));
    assert_eq!(headers.x_level, Some(Level::V3));
    assert_eq!(headers.x_partial, Some(false));
    assert_eq!(headers.x_shards, Some(vec![1, 2]));
    assert_eq!(response.body().count, Some(2));
}

#[tokio::test]
async fn scalars_have_their_plain_wire_forms_and_empty_arrays_send_nothing() {
    let server = Server::start(vec![list_items_reply(), list_items_reply()]).await;
    let c = client(&server, Credentials::ak_sk(AK, SK));
    let request = ListItemsRequest::builder()
        .item_id(-1)
        .ids(vec![])
        .csv(vec![])
        .x_tags(vec![])
        .ratio(1e-7)
        .limit(-5)
        .exact(false)
        .build()
        .unwrap();
    c.list_items(request).await.unwrap();
    let request = ListItemsRequest::builder()
        .item_id(7)
        .ids(vec!["only".into()])
        .ratio(1e21)
        .build()
        .unwrap();
    c.list_items(request).await.unwrap();

    let received = server.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].path(), format!("/v1/{PROJECT}/items/-1"));
    assert_eq!(
        received[0].query(),
        Some("exact=false&limit=-5&ratio=0.0000001")
    );
    assert_eq!(received[0].header("x-tags"), None);
    assert_eq!(
        received[1].query(),
        Some("ids=only&ratio=1000000000000000000000")
    );
    for r in &received {
        assert_canonical_and_signed(r);
    }
}

#[tokio::test]
async fn an_item_holding_its_delimiter_is_an_error_naming_the_parameter_and_nothing_is_sent() {
    let server = Server::start(vec![]).await;
    let c = client(&server, Credentials::ak_sk(AK, SK));
    let cases = [
        (
            ListItemsRequest::builder()
                .item_id(1)
                .ids(vec![])
                .csv(vec!["a,b".into()])
                .build()
                .unwrap(),
            "query parameter csv",
        ),
        (
            ListItemsRequest::builder()
                .item_id(1)
                .ids(vec![])
                .spaced(vec!["a b".into()])
                .build()
                .unwrap(),
            "query parameter spaced",
        ),
        (
            ListItemsRequest::builder()
                .item_id(1)
                .ids(vec![])
                .x_tags(vec!["a".into(), "b,c".into()])
                .build()
                .unwrap(),
            "header parameter X-Tags",
        ),
    ];
    for (request, named) in cases {
        let err = c.list_items(request).await.unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
        assert!(err.to_string().contains(named), "{err}");
    }
    // Repeated keys need no delimiter: a comma inside an item is just encoded.
    let server2 = Server::start(vec![list_items_reply()]).await;
    client(&server2, Credentials::ak_sk(AK, SK))
        .list_items(
            ListItemsRequest::builder()
                .item_id(1)
                .ids(vec!["a,b".into()])
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(only(&server2).query(), Some("ids=a%2Cb"));
    server.assert_untouched();
}

#[tokio::test]
async fn bad_or_missing_declared_headers_are_errors_naming_the_header() {
    let cases = [
        (
            Reply::json(200, "r", "{}").header("X-Total-Count", "many"),
            "X-Total-Count",
        ),
        (Reply::json(200, "r", "{}"), "X-Total-Count"),
        (
            Reply::json(200, "r", "{}")
                .header("X-Total-Count", "1")
                .header("X-Shards", "1,x"),
            "X-Shards",
        ),
        (
            Reply::json(200, "r", "{}")
                .header("X-Total-Count", "1")
                .header("X-Partial", "yes"),
            "X-Partial",
        ),
    ];
    for (reply, header) in cases {
        let server = Server::start(vec![reply]).await;
        let err = client(&server, Credentials::ak_sk(AK, SK))
            .list_items(
                ListItemsRequest::builder()
                    .item_id(1)
                    .ids(vec![])
                    .build()
                    .unwrap(),
            )
            .await
            .unwrap_err();
        match &err {
            Error::Decode {
                message,
                request_id,
                ..
            } => {
                assert!(message.contains(header), "{message}");
                assert_eq!(request_id.as_deref(), Some("r"));
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
    }
    // Optional headers absent: None; an unknown enum value is kept.
    let server = Server::start(vec![Reply::json(200, "r", "{}")
        .header("X-Total-Count", "0")
        .header("X-Next-Color", "violet")])
    .await;
    let response = client(&server, Credentials::ak_sk(AK, SK))
        .list_items(
            ListItemsRequest::builder()
                .item_id(1)
                .ids(vec![])
                .build()
                .unwrap(),
        )
        .await
        .unwrap();
    let headers = response
        .declared_headers::<ListItemsResponseHeaders>()
        .unwrap();
    assert_eq!(headers.x_total_count, 0);
    assert_eq!(headers.x_next_color, Some(Color::from("violet")));
    assert_eq!((headers.x_level, headers.x_partial), (None, None));
    assert_eq!(headers.x_shards, None);
}

fn all_names() -> PutNamesRequest {
    PutNamesRequest::builder()
        .x_language(PutNamesXLanguage::EnUs)
        .region("cn-north-4")
        .x_security_token("request-token")
        .x_project_id("other-project")
        .r#type("t")
        .r#match(true)
        ._2fa("123")
        .filter_name("n")
        .page_size(5)
        .host_id("h1")
        .host_id_2("H2")
        .self_("me")
        .build()
        .unwrap()
}

#[tokio::test]
async fn real_header_and_query_names_are_sent_as_written_and_signed() {
    let server = Server::start(vec![Reply::empty(204, "rid").header("X-Request-Id", "x")]).await;
    let response = client(&server, Credentials::ak_sk(AK, SK))
        .put_names(all_names())
        .await
        .unwrap();
    let r = only(&server);
    assert_eq!(r.method, "PUT");
    assert_eq!(r.path(), "/v1/names");
    assert_eq!(
        r.query(),
        Some("2fa=123&filter%5Bname%5D=n&host_id=h1&match=true&page.size=5&type=t")
    );
    for (name, value) in [
        ("x-language", "en-us"),
        ("region", "cn-north-4"),
        // No token in the credentials: the request's own is sent (and signed).
        ("x-security-token", "request-token"),
        // The request's value of a setting's header replaces the setting's.
        ("x-project-id", "other-project"),
        ("host-id", "H2"),
        ("self", "me"),
    ] {
        assert_eq!(r.header(name), Some(value), "{name}");
    }
    let signed = assert_canonical_and_signed(&r);
    for name in [
        "x-language",
        "region",
        "x-security-token",
        "host-id",
        "self",
    ] {
        assert!(signed.iter().any(|h| h == name), "{name} not signed");
    }
    assert_eq!(
        response
            .declared_headers::<PutNamesResponseHeaders>()
            .unwrap()
            .x_request_id,
        Some("rid".to_owned())
    );
}

#[tokio::test]
async fn temporary_credentials_replace_the_request_security_token_which_is_never_shown() {
    let server = Server::start(vec![Reply::empty(204, "rid")]).await;
    let c = client(&server, Credentials::temporary(AK, SK, "credential-token"));
    c.put_names(all_names()).await.unwrap();
    let r = only(&server);
    assert_eq!(r.header("x-security-token"), Some("credential-token"));
    assert_canonical_and_signed(&r);
    // The request's token is a secret: not in the request type's wire request Debug output.
    let request = {
        use e2e_params::Operation;
        all_names().build_request(c.config()).unwrap()
    };
    assert!(!format!("{request:?}").contains("request-token"));
    // Nor in the request type's own Debug output.
    let shown = format!("{:?}", all_names());
    assert!(!shown.contains("request-token"), "{shown}");
    assert!(shown.contains("x_security_token: Some(\"***\")"), "{shown}");
    assert!(shown.contains("cn-north-4"), "{shown}");
}

#[tokio::test]
async fn a_path_array_is_one_comma_joined_segment_and_signed() {
    let server = Server::start(vec![Reply::empty(204, "rid")]).await;
    let c = client(&server, Credentials::ak_sk(AK, SK));
    c.delete_tags(
        DeleteTagsRequest::builder()
            .tags(vec!["a b".into(), "c".into()])
            .build()
            .unwrap(),
    )
    .await
    .unwrap();
    let r = only(&server);
    assert_eq!(r.method, "DELETE");
    assert_eq!(r.target, "/v1/tags/a%20b%2Cc");
    assert_canonical_and_signed(&r);
    for (tags, words) in [
        (vec![], "tags must not be empty"),
        (vec!["a,b".to_owned()], "path parameter tags: item 0"),
    ] {
        let err = c
            .delete_tags(DeleteTagsRequest::builder().tags(tags).build().unwrap())
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
        assert!(err.to_string().contains(words), "{err}");
    }
}
