//! Verdicts: for every kind of difference, what it does on the wire (a class for requests and
//! one for responses, each with its reason) and what it does to Rust code using the generated
//! crate ([`RustImpact`]). No pairing and no descriptions of the change: those are in
//! `pairing` and `wording`.
//!
//! Functions are named after the difference they judge, as are the `wording` functions that
//! describe it (`verdicts::field_added` and `wording::field_added`).

use super::constraints::Class;
use super::model::{Direction, RustImpact, Wire};
use crate::ir::{IntFormat, NumberFormat, TypeRef, Usage};

/// The wire class for each side of the exchange, with the reason.
#[derive(Debug, Clone)]
pub(super) struct Verdict {
    request: (Wire, &'static str),
    response: (Wire, &'static str),
}

/// Both verdicts on one difference.
#[derive(Debug, Clone)]
pub(super) struct Judgement {
    /// On the wire.
    pub wire: Verdict,
    /// On Rust code.
    pub rust: RustImpact,
}

fn v(req: Wire, req_note: &'static str, resp: Wire, resp_note: &'static str) -> Verdict {
    Verdict {
        request: (req, req_note),
        response: (resp, resp_note),
    }
}

/// A verdict that only concerns requests (parameters, request bodies, operations as a whole).
fn req_only(w: Wire, note: &'static str) -> Verdict {
    v(w, note, Wire::None, "")
}

/// A verdict that only concerns responses.
fn resp_only(w: Wire, note: &'static str) -> Verdict {
    v(Wire::None, "", w, note)
}

fn no_wire(note: &'static str) -> Verdict {
    v(Wire::None, note, Wire::None, note)
}

fn judge(wire: Verdict, rust: RustImpact) -> Judgement {
    Judgement { wire, rust }
}

/// A location used in requests only.
pub(super) const REQUEST: Usage = Usage {
    request: true,
    response: false,
};

/// A location used in responses only.
pub(super) const RESPONSE: Usage = Usage {
    request: false,
    response: true,
};

/// A type reachable from nothing is treated as reachable from both sides (the cautious reading).
pub(super) fn effective(u: Usage) -> Usage {
    if !u.request && !u.response {
        Usage {
            request: true,
            response: true,
        }
    } else {
        u
    }
}

/// Folds a verdict into one class and direction, for the sides the location is used on.
pub(super) fn fold(usage: Usage, verdict: &Verdict) -> (Wire, Direction, String) {
    let (request, response) = (verdict.request, verdict.response);
    let (w, d, note) = match (usage.request, usage.response) {
        (true, false) => (request.0, Direction::Request, request.1.to_string()),
        (false, true) => (response.0, Direction::Response, response.1.to_string()),
        _ => {
            if request.0 == response.0 {
                let note = if request.1 == response.1 || response.1.is_empty() {
                    request.1.to_string()
                } else if request.1.is_empty() {
                    response.1.to_string()
                } else {
                    format!("requests: {}; responses: {}", request.1, response.1)
                };
                (request.0, Direction::Both, note)
            } else if request.0 > response.0 {
                (request.0, Direction::Request, request.1.to_string())
            } else {
                (response.0, Direction::Response, response.1.to_string())
            }
        }
    };
    if w == Wire::None {
        (w, Direction::None, note)
    } else {
        (w, d, note)
    }
}

// ---------------------------------------------------------------------- API level

pub(super) fn crate_renamed() -> Judgement {
    judge(no_wire("the crate name is not sent"), RustImpact::Breaking)
}

/// A Rust name changed while the wire name stayed (region, operation, field, parameter, variant).
pub(super) fn rust_name() -> Judgement {
    judge(no_wire("Rust names are not sent"), RustImpact::Breaking)
}

pub(super) fn region_removed() -> Judgement {
    judge(
        req_only(
            Wire::Breaking,
            "clients using this region lose its documented endpoint",
        ),
        RustImpact::Breaking,
    )
}

pub(super) fn region_endpoint() -> Judgement {
    judge(
        req_only(
            Wire::Breaking,
            "clients still calling the old endpoint may fail",
        ),
        RustImpact::Compatible,
    )
}

pub(super) fn region_added() -> Judgement {
    judge(
        req_only(
            Wire::Compatible,
            "a new endpoint; existing clients are unaffected",
        ),
        RustImpact::Additive,
    )
}

/// The default region changed: losing one, or changing it, changes where existing code
/// connects; gaining one only makes `build()` succeed where it failed.
pub(super) fn default_region(old: Option<&str>, new: Option<&str>) -> Judgement {
    let rust = if new.is_none() || old.is_some() {
        RustImpact::BreakingBehavior
    } else {
        RustImpact::Compatible
    };
    judge(
        no_wire("which endpoint is the default is a client-side choice"),
        rust,
    )
}

pub(super) fn auth_removed() -> Judgement {
    judge(
        req_only(
            Wire::Breaking,
            "requests authenticated this way are rejected",
        ),
        RustImpact::Breaking,
    )
}

pub(super) fn auth_added() -> Judgement {
    judge(
        req_only(
            Wire::Compatible,
            "a new way to authenticate; existing requests are unaffected",
        ),
        RustImpact::Additive,
    )
}

pub(super) fn token_header() -> Judgement {
    judge(
        req_only(
            Wire::Breaking,
            "clients sending the old header are not authenticated",
        ),
        RustImpact::Compatible,
    )
}

pub(super) fn signing_algorithm() -> Judgement {
    judge(
        req_only(Wire::Breaking, "requests signed the old way are rejected"),
        RustImpact::Compatible,
    )
}

/// The environment variables the client reads one value from changed (a credential, a client
/// setting, the endpoint URL, the region ID): `lost`, some are no longer read or another one
/// wins when several are set (see [`super::pairing::Preferences::lost`]).
pub(super) fn env_vars(lost: bool) -> Judgement {
    judge(
        no_wire("environment variables are read by the client only"),
        if lost {
            RustImpact::BreakingBehavior
        } else {
            RustImpact::Compatible
        },
    )
}

/// A scheme changed kind. `same_credentials`: it takes the same kind of credentials as before
/// (a token, as an API key or as a bearer token), so configured credentials still fit;
/// `signing_gone`: no scheme signs any more, so the generated crate loses its public
/// `runtime::signing` module.
pub(super) fn auth_kind_changed(same_credentials: bool, signing_gone: bool) -> Judgement {
    judge(
        req_only(
            Wire::Breaking,
            "requests authenticated the old way are rejected",
        ),
        if signing_gone {
            RustImpact::Breaking
        } else if same_credentials {
            RustImpact::Compatible
        } else {
            RustImpact::BreakingBehavior
        },
    )
}

/// The accepted authentication changed: an operation's own requirement, or the API's default
/// (`security` at the root) for the operations that declare none. `narrowed`: some way to
/// authenticate is no longer accepted (and no longer may requests go without). The client
/// checks the requirement before sending, so it refuses such credentials too.
pub(super) fn security(narrowed: bool) -> Judgement {
    if narrowed {
        judge(
            req_only(
                Wire::Breaking,
                "requests authenticated with a scheme no longer accepted are rejected",
            ),
            RustImpact::BreakingBehavior,
        )
    } else {
        judge(
            req_only(Wire::Compatible, "more ways to authenticate are accepted"),
            RustImpact::Compatible,
        )
    }
}

/// The API's default requirement changed, but every operation declares its own.
pub(super) fn security_unused() -> Judgement {
    judge(
        no_wire("every operation declares its own requirement"),
        RustImpact::None,
    )
}

/// A client setting appeared; `header`: it is sent in a header when set.
pub(super) fn setting_added(header: bool) -> Judgement {
    judge(
        if header {
            req_only(
                Wire::Compatible,
                "a new optional header: requests without it stay valid",
            )
        } else {
            no_wire(SETTING_NOT_SENT)
        },
        RustImpact::Additive,
    )
}

const SETTING_NOT_SENT: &str =
    "a setting by itself is not sent: the parameters it fills are reported where they changed";

/// A client setting disappeared; `header`: it was sent in a header.
pub(super) fn setting_removed(header: bool) -> Judgement {
    judge(
        if header {
            req_only(
                Wire::Breaking,
                "the server no longer reads its header: values clients send are ignored or rejected",
            )
        } else {
            no_wire(SETTING_NOT_SENT)
        },
        RustImpact::Breaking,
    )
}

/// The header a setting is sent in appeared (`had` none), disappeared (`has` none) or was
/// renamed. A new header also means `build()` refuses a value that cannot be a header value.
pub(super) fn setting_header(had: bool, has: bool) -> Judgement {
    match (had, has) {
        (false, _) => judge(
            req_only(
                Wire::Compatible,
                "a new optional header: requests without it stay valid",
            ),
            RustImpact::BreakingBehavior,
        ),
        (true, false) => judge(
            req_only(
                Wire::Breaking,
                "the server no longer reads the header: values clients send are ignored or rejected",
            ),
            RustImpact::Compatible,
        ),
        (true, true) => judge(
            req_only(
                Wire::Breaking,
                "clients sending the old header: the server no longer reads the value there",
            ),
            RustImpact::Compatible,
        ),
    }
}

/// Where the client looks for an error's code, message or request ID changed; `lost`: a path
/// or header is no longer read, or another one wins when several are present.
pub(super) fn error_format(lost: bool) -> Judgement {
    judge(
        no_wire("where the client looks for error fields; the responses themselves are unchanged"),
        if lost {
            RustImpact::BreakingBehavior
        } else {
            RustImpact::Compatible
        },
    )
}

/// The default `User-Agent` changed.
pub(super) fn user_agent() -> Judgement {
    judge(
        no_wire("the default User-Agent is a client-side choice"),
        RustImpact::Compatible,
    )
}

/// The default server appeared (`had` none), disappeared (`has` none) or got another URL.
/// `used`: some side has no default region, so a client built without an endpoint or region
/// uses it.
pub(super) fn default_server(had: bool, has: bool, used: bool) -> Judgement {
    let (wire, rust) = match (had, has) {
        (false, _) => (
            req_only(
                Wire::Compatible,
                "a newly documented server; existing clients are unaffected",
            ),
            RustImpact::Compatible,
        ),
        (true, false) => (
            req_only(
                Wire::Breaking,
                "clients using it lose its documented endpoint",
            ),
            RustImpact::BreakingBehavior,
        ),
        (true, true) => (
            req_only(Wire::Breaking, "clients still calling the old URL may fail"),
            RustImpact::BreakingBehavior,
        ),
    };
    judge(wire, if used { rust } else { RustImpact::None })
}

/// How a variable of the default server changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum VariableChange {
    /// A new variable (with its default).
    Added,
    /// The variable is gone: `server_variable(name, ..)` now fails.
    Removed,
    /// Another default value.
    Default,
    /// Values that were allowed no longer are.
    Narrowed,
    /// More values are allowed.
    Widened,
}

/// A variable of the default server changed; `used` as for [`default_server`]. The URL
/// template's own change (a variable appearing or disappearing in it) is judged there.
pub(super) fn server_variable(change: VariableChange, used: bool) -> Judgement {
    let (wire, rust) = match change {
        VariableChange::Added => (
            no_wire("the URL change is reported on its own"),
            RustImpact::Compatible,
        ),
        VariableChange::Removed => (
            no_wire("the URL change is reported on its own"),
            RustImpact::BreakingBehavior,
        ),
        VariableChange::Default => (
            no_wire("which value is the default is a client-side choice"),
            RustImpact::BreakingBehavior,
        ),
        VariableChange::Narrowed => (
            req_only(
                Wire::Breaking,
                "clients using a value no longer allowed lose its documented endpoint",
            ),
            RustImpact::BreakingBehavior,
        ),
        VariableChange::Widened => (
            req_only(
                Wire::Compatible,
                "more documented endpoints; existing clients are unaffected",
            ),
            RustImpact::Compatible,
        ),
    };
    judge(wire, if used { rust } else { RustImpact::None })
}

// ---------------------------------------------------------------------- operations

pub(super) fn operation_added() -> Judgement {
    judge(
        req_only(
            Wire::Compatible,
            "a new operation; existing requests are unaffected",
        ),
        RustImpact::Additive,
    )
}

pub(super) fn operation_removed() -> Judgement {
    judge(
        req_only(Wire::Breaking, "requests to it are no longer served"),
        RustImpact::Breaking,
    )
}

pub(super) fn operation_renamed() -> Judgement {
    judge(
        no_wire("same method and path: the operationId is not sent"),
        RustImpact::Breaking,
    )
}

pub(super) fn operation_moved() -> Judgement {
    judge(
        req_only(
            Wire::Breaking,
            "requests to the old method and path no longer reach it",
        ),
        RustImpact::Compatible,
    )
}

pub(super) fn param_removed() -> Judgement {
    judge(
        req_only(
            Wire::Breaking,
            "the server no longer reads it: values callers send are ignored or rejected",
        ),
        RustImpact::Breaking,
    )
}

/// `in_new`: the builder requires the parameter.
pub(super) fn param_added(required: bool, in_new: bool) -> Judgement {
    let wire = if required {
        req_only(
            Wire::Breaking,
            "a new required parameter: existing requests do not send it",
        )
    } else {
        req_only(
            Wire::Compatible,
            "a new optional parameter: existing requests omit it",
        )
    };
    judge(wire, new_slot(in_new))
}

/// A new field or parameter: one the builder requires breaks callers at run time (their code
/// compiles, but `build()` fails without it); a new `Option` does not.
fn new_slot(in_new: bool) -> RustImpact {
    if in_new {
        RustImpact::BreakingBehavior
    } else {
        RustImpact::Additive
    }
}

/// A path placeholder was renamed; `rust_changed`: its Rust field name changed with it.
pub(super) fn param_renamed(rust_changed: bool) -> Judgement {
    judge(
        no_wire("path placeholder names are not sent; the value keeps its position"),
        if rust_changed {
            RustImpact::Breaking
        } else {
            RustImpact::None
        },
    )
}

/// `x-client-config` changed; `option_changed`: the field's `Option`-ness or constructor
/// membership changed with it.
pub(super) fn client_config(option_changed: bool) -> Judgement {
    judge(
        no_wire("where the client takes the value from is not visible on the wire"),
        if option_changed {
            RustImpact::Breaking
        } else {
            RustImpact::Compatible
        },
    )
}

/// A change of the Rust field type through `Option` (or of the constructor) breaks callers.
fn option_impact(option_changed: bool) -> RustImpact {
    if option_changed {
        RustImpact::Breaking
    } else {
        RustImpact::None
    }
}

/// `required` changed (`now_required` is the head's).
pub(super) fn required(now_required: bool, option_changed: bool) -> Judgement {
    let wire = if now_required {
        v(
            Wire::Breaking,
            "requests that omit it are now rejected",
            Wire::Compatible,
            "readers now always get it",
        )
    } else {
        v(
            Wire::Compatible,
            "requests that send it stay valid",
            Wire::Breaking,
            "readers may now find it absent",
        )
    };
    judge(wire, option_impact(option_changed))
}

/// `nullable` changed (`now_nullable` is the head's).
pub(super) fn nullable(now_nullable: bool, option_changed: bool) -> Judgement {
    let wire = if now_nullable {
        v(
            Wire::Compatible,
            "null is now also accepted",
            Wire::Breaking,
            "readers may now get null",
        )
    } else {
        v(
            Wire::Breaking,
            "requests sending null are now rejected",
            Wire::Compatible,
            "readers no longer get null",
        )
    };
    judge(wire, option_impact(option_changed))
}

pub(super) fn body_added(required: bool) -> Judgement {
    if required {
        judge(
            req_only(Wire::Breaking, "existing requests send no body"),
            RustImpact::Breaking,
        )
    } else {
        judge(
            req_only(
                Wire::Compatible,
                "existing requests without a body stay valid",
            ),
            RustImpact::Additive,
        )
    }
}

pub(super) fn body_removed() -> Judgement {
    judge(
        req_only(
            Wire::Breaking,
            "the server no longer reads a body: what callers send is ignored or rejected",
        ),
        RustImpact::Breaking,
    )
}

/// A declared success response header: `old`/`new` are `(required, same type as the other
/// side)`, `None` where the header is not declared.
pub(super) fn response_header(old: Option<(bool, bool)>, new: Option<(bool, bool)>) -> Judgement {
    match (old, new) {
        (None, Some((true, _))) => judge(
            resp_only(
                Wire::Breaking,
                "a response without the new required header is an error",
            ),
            RustImpact::Additive,
        ),
        (None, _) => judge(
            resp_only(Wire::Compatible, "an optional header is read when present"),
            RustImpact::Additive,
        ),
        (Some(_), None) => judge(
            resp_only(Wire::Compatible, "the header is no longer read"),
            RustImpact::Breaking,
        ),
        (Some((was, _)), Some((now, same))) => {
            let wire = if !same || (now && !was) {
                resp_only(
                    Wire::Breaking,
                    "values or absences accepted before are now errors",
                )
            } else {
                resp_only(Wire::Compatible, "every value accepted before still is")
            };
            judge(wire, RustImpact::Breaking)
        }
    }
}

pub(super) fn param_style() -> Judgement {
    judge(
        req_only(
            Wire::Breaking,
            "the service may read the items sent in the new form as other values",
        ),
        RustImpact::None,
    )
}

pub(super) fn content_type() -> Judgement {
    judge(
        req_only(
            Wire::Breaking,
            "requests with the old media type may be rejected",
        ),
        RustImpact::Compatible,
    )
}

/// The parts of a multipart request body changed (added, removed, made required, retyped).
pub(super) fn form_parts() -> Judgement {
    judge(
        req_only(
            Wire::Breaking,
            "the service may reject a form with other parts than it expects",
        ),
        RustImpact::Breaking,
    )
}

/// A response's media type changed; `kind_changed` when the body is now read differently
/// (JSON, text or bytes), which changes what the method returns.
pub(super) fn response_content_type(kind_changed: bool) -> Judgement {
    judge(
        resp_only(
            Wire::Breaking,
            "readers of the old media type may not read the new one",
        ),
        if kind_changed {
            RustImpact::Breaking
        } else {
            RustImpact::Compatible
        },
    )
}

pub(super) fn success_status() -> Judgement {
    judge(
        resp_only(
            Wire::Breaking,
            "clients that check for the old status treat the new one as unexpected",
        ),
        RustImpact::Compatible,
    )
}

pub(super) fn response_removed() -> Judgement {
    judge(
        resp_only(Wire::Compatible, "clients no longer receive it"),
        RustImpact::None,
    )
}

/// A response's body type changed (`had`/`has` a body); `returns_changed`: it is the response
/// the method returns, and what it returns changed.
pub(super) fn response_body(had: bool, has: bool, returns_changed: bool) -> Judgement {
    let wire = match (had, has) {
        (false, true) => resp_only(Wire::Compatible, "readers that ignored the body still can"),
        (true, false) => resp_only(Wire::Breaking, "readers expecting a body get none"),
        _ => resp_only(
            Wire::Breaking,
            "readers expecting the old body type cannot read the new one",
        ),
    };
    judge(wire, returns(returns_changed))
}

/// A newly documented response; `returns_changed` as for [`response_body`].
pub(super) fn response_added(returns_changed: bool) -> Judgement {
    judge(
        resp_only(
            Wire::Compatible,
            "a newly documented outcome; clients already handle undocumented statuses",
        ),
        returns(returns_changed),
    )
}

fn returns(changed: bool) -> RustImpact {
    if changed {
        RustImpact::Breaking
    } else {
        RustImpact::None
    }
}

// ---------------------------------------------------------------------- shapes

/// Array items may now (or no longer) be null; `ty_changed`: the Rust type changed with it.
pub(super) fn items_nullable(now_nullable: bool, ty_changed: bool) -> Judgement {
    let wire = if now_nullable {
        v(
            Wire::Compatible,
            "null items are now also accepted",
            Wire::Breaking,
            "readers may now get null items",
        )
    } else {
        v(
            Wire::Breaking,
            "requests with null items are now rejected",
            Wire::Compatible,
            "readers no longer get null items",
        )
    };
    judge(wire, option_impact(ty_changed))
}

/// A string `format` appeared, disappeared or changed. Rust types do not follow formats.
pub(super) fn format(old: Option<&str>, new: Option<&str>) -> Judgement {
    let wire = match (old, new) {
        (None, Some(_)) => v(
            Wire::Breaking,
            "the server may now reject values not in this format",
            Wire::Compatible,
            "readers get values in this format",
        ),
        (Some(_), None) => v(
            Wire::Compatible,
            "any string is now accepted",
            Wire::Breaking,
            "readers may get values not in the old format",
        ),
        _ => v(
            Wire::Breaking,
            "values in the old format may be rejected",
            Wire::Breaking,
            "readers may get values not in the old format",
        ),
    };
    judge(wire, RustImpact::None)
}

/// The value type changed; `ty_changed`: the Rust type of the field changed.
pub(super) fn type_change(old: &TypeRef, new: &TypeRef, ty_changed: bool) -> Judgement {
    use TypeRef as T;
    let wire = match (old, new) {
        (T::Integer(IntFormat::Int32), T::Integer(IntFormat::Int64))
        | (T::Number(NumberFormat::Float), T::Number(NumberFormat::Double))
        | (T::Integer(_), T::Number(_)) => v(
            Wire::Compatible,
            "the server accepts a wider range of values",
            Wire::Breaking,
            "readers may get values outside the old type",
        ),
        (T::Integer(IntFormat::Int64), T::Integer(IntFormat::Int32))
        | (T::Number(NumberFormat::Double), T::Number(NumberFormat::Float))
        | (T::Number(_), T::Integer(_)) => v(
            Wire::Breaking,
            "values outside the new type are now rejected",
            Wire::Compatible,
            "readers get values within the old range",
        ),
        (_, T::Any) => v(
            Wire::Compatible,
            "any value is now accepted",
            Wire::Breaking,
            "readers may get any value",
        ),
        (T::Any, _) => v(
            Wire::Breaking,
            "only values of the new type are accepted",
            Wire::Compatible,
            "readers get values of one type",
        ),
        _ => v(
            Wire::Breaking,
            "values of the old type are not values of the new one",
            Wire::Breaking,
            "values of the new type are not values of the old one",
        ),
    };
    judge(wire, option_impact(ty_changed))
}

/// A constraint keyword changed (`class` from `constraints::compare`); `validated`: the
/// generated crate checks the location before sending.
pub(super) fn constraint(class: Class, validated: bool) -> Judgement {
    let wire = match class {
        Class::Tighter => v(
            Wire::Breaking,
            "requests that were valid may now be rejected",
            Wire::Compatible,
            "readers get values within a narrower range",
        ),
        Class::Looser => v(
            Wire::Compatible,
            "every request that was valid still is",
            Wire::Breaking,
            "readers may get values outside the old range",
        ),
        Class::Changed => v(
            Wire::Breaking,
            "requests that were valid may now be rejected",
            Wire::Breaking,
            "readers may get values outside the old range",
        ),
    };
    let rust = match (validated, class) {
        (false, _) => RustImpact::None,
        (true, Class::Looser) => RustImpact::Compatible,
        (true, Class::Tighter | Class::Changed) => RustImpact::BreakingBehavior,
    };
    judge(wire, rust)
}

/// A documented `default` appeared (`had` none), disappeared (`has` none) or changed.
pub(super) fn default(had: bool, has: bool) -> Judgement {
    let wire = match (had, has) {
        (false, _) => v(
            Wire::Compatible,
            "documents what the server does when the value is omitted",
            Wire::Compatible,
            "documentation of a value readers receive",
        ),
        (true, false) => v(
            Wire::Compatible,
            "requests are unchanged; the omitted-value behaviour is no longer documented",
            Wire::Compatible,
            "documentation only",
        ),
        (true, true) => v(
            Wire::Breaking,
            "requests that omit the value now get another behaviour",
            Wire::Compatible,
            "documentation only",
        ),
    };
    judge(wire, RustImpact::None)
}

/// Descriptions, summaries, examples and API info.
pub(super) fn docs() -> Judgement {
    judge(no_wire("documentation only"), RustImpact::None)
}

// ---------------------------------------------------------------------- types

/// A type appeared or disappeared: by itself no wire effect.
pub(super) fn type_added_or_removed(added: bool) -> Judgement {
    judge(
        no_wire("by itself a type has no wire effect: its uses are reported where they changed"),
        if added {
            RustImpact::Additive
        } else {
            RustImpact::Breaking
        },
    )
}

pub(super) fn type_renamed() -> Judgement {
    judge(no_wire("type names are not sent"), RustImpact::Breaking)
}

pub(super) fn type_kind_changed() -> Judgement {
    judge(
        v(
            Wire::Breaking,
            "values of the old kind are not accepted",
            Wire::Breaking,
            "readers cannot read the new kind",
        ),
        RustImpact::Breaking,
    )
}

pub(super) fn field_removed() -> Judgement {
    judge(
        v(
            Wire::Breaking,
            "the server no longer reads it: values callers send are ignored or rejected",
            Wire::Breaking,
            "readers expecting it no longer get it",
        ),
        RustImpact::Breaking,
    )
}

/// `in_new`: the builder requires the field.
pub(super) fn field_added(required: bool, in_new: bool) -> Judgement {
    let wire = if required {
        v(
            Wire::Breaking,
            "a new required property: existing requests do not send it",
            Wire::Compatible,
            "readers ignore properties they do not know",
        )
    } else {
        v(
            Wire::Compatible,
            "a new optional property: existing requests omit it",
            Wire::Compatible,
            "readers ignore properties they do not know",
        )
    };
    judge(wire, new_slot(in_new))
}

/// How the set of fields a rule requires changed.
pub(super) fn rule_class<T: Ord>(
    old: &std::collections::BTreeSet<T>,
    new: &std::collections::BTreeSet<T>,
) -> Class {
    if old.is_subset(new) {
        Class::Tighter
    } else if new.is_subset(old) {
        Class::Looser
    } else {
        Class::Changed
    }
}

pub(super) fn rule_removed(validated: bool) -> Judgement {
    judge(
        v(
            Wire::Compatible,
            "every request that was valid still is",
            Wire::Breaking,
            "readers may now get objects without those fields",
        ),
        if validated {
            RustImpact::Compatible
        } else {
            RustImpact::None
        },
    )
}

pub(super) fn rule_changed(class: Class, validated: bool) -> Judgement {
    let wire = match class {
        Class::Tighter => v(
            Wire::Breaking,
            "requests that were valid may now be rejected",
            Wire::Compatible,
            "readers get more fields",
        ),
        Class::Looser => v(
            Wire::Compatible,
            "every request that was valid still is",
            Wire::Breaking,
            "readers may get fewer fields",
        ),
        Class::Changed => v(
            Wire::Breaking,
            "requests that were valid may now be rejected",
            Wire::Breaking,
            "readers may get fewer fields",
        ),
    };
    let rust = match (validated, class) {
        (false, _) => RustImpact::None,
        (true, Class::Looser) => RustImpact::Compatible,
        (true, _) => RustImpact::BreakingBehavior,
    };
    judge(wire, rust)
}

pub(super) fn rule_added(validated: bool) -> Judgement {
    judge(
        v(
            Wire::Breaking,
            "requests that were valid may now be rejected",
            Wire::Compatible,
            "readers get more fields",
        ),
        if validated {
            RustImpact::BreakingBehavior
        } else {
            RustImpact::None
        },
    )
}

pub(super) fn enum_value_removed() -> Judgement {
    judge(
        v(
            Wire::Breaking,
            "requests sending it are rejected",
            Wire::Compatible,
            "readers no longer receive it",
        ),
        RustImpact::Breaking,
    )
}

pub(super) fn enum_value_added() -> Judgement {
    judge(
        v(
            Wire::Compatible,
            "the server accepts one more value",
            Wire::Compatible,
            "compatible only because the generated enum has an `Unknown` catch-all (strict readers break)",
        ),
        RustImpact::Additive,
    )
}
