//! The generated client's environment and its messages, checked against the client's own tables
//! (`huaweicloud_hss::client::SERVICE`, generated from the spec), so no variable name is written
//! here: every variable a signing scheme lists works on its own, and what is missing is named.

use huaweicloud_hss::client::SERVICE;
use huaweicloud_hss::runtime::service::AuthKind;
use huaweicloud_hss::runtime::{ClientBuilder, Credentials};

fn lookup(vars: Vec<(&'static str, &'static str)>) -> impl Fn(&str) -> Option<String> {
    move |name| {
        vars.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }
}

/// Every access-key variable works with every secret-key variable of the same scheme: the
/// alternatives the spec lists (`x-credential-env`) are all read, not only the first.
#[test]
fn every_listed_credential_variable_is_read() {
    let mut pairs = 0;
    for scheme in SERVICE.auth {
        let AuthKind::Signing {
            access_key_env,
            secret_key_env,
            ..
        } = &scheme.kind
        else {
            continue;
        };
        for ak in access_key_env.iter() {
            for sk in secret_key_env.iter() {
                let vars = lookup(vec![(ak, "AK-VALUE"), (sk, "SK-VALUE")]);
                let credentials = Credentials::from_lookup(&SERVICE, &vars)
                    .unwrap_or_else(|e| panic!("{ak} + {sk}: {e}"));
                assert_eq!(
                    credentials,
                    Credentials::ak_sk("AK-VALUE", "SK-VALUE"),
                    "{ak} + {sk}"
                );
                pairs += 1;
            }
        }
        // Only half of a pair: the message names the variables of the missing half.
        if let (Some(ak), false) = (access_key_env.first(), secret_key_env.is_empty()) {
            let err = Credentials::from_lookup(&SERVICE, lookup(vec![(ak, "AK-VALUE")]))
                .unwrap_err()
                .to_string();
            for sk in secret_key_env.iter() {
                assert!(err.contains(sk), "{err}");
            }
        }
    }
    // The spec gives a signing scheme alternatives; if it stops doing so, this test says so.
    assert!(pairs > 1, "no signing scheme with alternative variables");
}

/// Without credentials, the error lists every variable `from_env` would have read.
#[test]
fn missing_credentials_name_every_variable() {
    let err = ClientBuilder::for_service(&SERVICE)
        .endpoint_url("https://127.0.0.1:9")
        .build_config_with(&lookup(vec![]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("ClientBuilder::credentials"), "{err}");
    for scheme in SERVICE.auth {
        if let AuthKind::Signing {
            access_key_env,
            secret_key_env,
            ..
        } = &scheme.kind
        {
            for name in access_key_env.iter().chain(secret_key_env.iter()) {
                assert!(err.contains(name), "{name}: {err}");
            }
        }
    }
}

/// A setting given empty names its builder method and its environment variables; an unknown
/// region names the endpoint method and variable.
#[test]
fn settings_and_regions_point_to_the_fix() {
    let b = || ClientBuilder::for_service(&SERVICE).credentials(Credentials::ak_sk("ak", "sk"));
    for setting in SERVICE.settings {
        let err = b()
            .setting(setting.name, "")
            .build_config_with(&lookup(vec![]))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!("`ClientBuilder::{}`", setting.name)),
            "{err}"
        );
        for name in setting.env {
            assert!(err.contains(name), "{err}");
        }
    }
    let err = b()
        .region_id("no-such-region-1")
        .build_config_with(&lookup(vec![]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("ClientBuilder::endpoint_url"), "{err}");
    assert!(err.contains(SERVICE.endpoint_env), "{err}");
    let parsed: Result<huaweicloud_hss::regions::Region, _> = "no-such-region-1".parse();
    let err = parsed.unwrap_err().to_string();
    assert!(err.contains(SERVICE.endpoint_env), "{err}");
}
