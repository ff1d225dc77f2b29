//! Unit tests on IRs built in code: every change kind gets its verdicts checked directly.

use super::*;
use crate::ir::*;

fn shape(ty: TypeRef) -> Shape {
    Shape {
        ty,
        nullable: false,
        constraints: Constraints::default(),
    }
}

fn string() -> TypeRef {
    TypeRef::String { format: None }
}

fn field(name: &str, ty: TypeRef, required: bool) -> Field {
    Field {
        rust_name: name.to_string(),
        setter: crate::naming::setter_name(name),
        wire_name: name.to_string(),
        docs: None,
        shape: shape(ty),
        required,
        default: None,
        boxed: false,
    }
}

fn strukt(name: &str, usage: Usage, fields: Vec<Field>) -> TypeDef {
    TypeDef {
        rust_name: name.to_string(),
        wire_name: name.to_string(),
        origin: format!("#/components/schemas/{name}"),
        docs: None,
        kind: TypeKind::Struct(StructDef {
            fields,
            rules: vec![],
            additional: None,
            min_properties: None,
            max_properties: None,
        }),
        usage,
    }
}

fn string_enum(name: &str, usage: Usage, values: &[&str]) -> TypeDef {
    TypeDef {
        rust_name: name.to_string(),
        wire_name: name.to_string(),
        origin: format!("#/components/schemas/{name}"),
        docs: None,
        kind: TypeKind::StringEnum(StringEnumDef {
            variants: values
                .iter()
                .map(|v| EnumVariant {
                    rust_name: heck_camel(v),
                    value: v.to_string(),
                    docs: None,
                })
                .collect(),
        }),
        usage,
    }
}

fn heck_camel(s: &str) -> String {
    s.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

const REQ: Usage = Usage {
    request: true,
    response: false,
};
const RESP: Usage = Usage {
    request: false,
    response: true,
};
const BOTH: Usage = Usage {
    request: true,
    response: true,
};

fn param(name: &str, location: ParamLocation, required: bool) -> Parameter {
    Parameter {
        rust_name: name.to_string(),
        setter: crate::naming::setter_name(name),
        wire_name: name.to_string(),
        location,
        required,
        docs: None,
        shape: shape(string()),
        default: None,
        client_config: None,
        example: None,
        array_style: None,
    }
}

fn op(id: &str, snake: &str, path: &str, body: &str, resp: &str) -> Operation {
    Operation {
        operation_id: id.to_string(),
        rust_name: snake.to_string(),
        type_prefix: id.to_string(),
        request_type: crate::naming::request_type_name(id),
        module: snake.to_string(),
        example: snake.to_string(),
        method: HttpMethod::Post,
        path: path.to_string(),
        origin: String::new(),
        summary: None,
        description: None,
        params: vec![Parameter {
            client_config: Some("project_id".into()),
            ..param("project_id", ParamLocation::Path, true)
        }],
        body: Some(RequestBody {
            rust_name: "body".into(),
            setter: "body".into(),
            ty: TypeRef::Named(body.to_string()),
            required: true,
            content_type: "application/json".into(),
            constraints: Constraints::default(),
            kind: BodyKind::Json,
            docs: None,
            example: None,
        }),
        responses: vec![ResponseDef {
            status: Some(200),
            description: "OK".into(),
            body: Some(TypeRef::Named(resp.to_string())),
            kind: Some(BodyKind::Json),
            content_type: Some("application/json".into()),
            example: None,
            headers: vec![],
            headers_type: None,
        }],
        success: Some(0),
        security: None,
    }
}

/// A small API: one operation with a request body type, a response type and an enum used in
/// requests, one used in responses.
fn base() -> Api {
    let mut types = vec![
        strukt(
            "TaskBody",
            REQ,
            vec![
                field("all_hosts", TypeRef::Bool, true),
                field("host_ids", TypeRef::Array(Box::new(shape(string()))), false),
                field("kind", TypeRef::Named("Kind".into()), false),
                field("count", TypeRef::Integer(IntFormat::Int32), false),
            ],
        ),
        strukt(
            "TaskResponse",
            RESP,
            vec![
                field("error", string(), false),
                field("state", TypeRef::Named("State".into()), false),
            ],
        ),
        string_enum("Kind", REQ, &["host", "container"]),
        string_enum("State", RESP, &["running", "done"]),
    ];
    types.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    Api {
        krate: CrateInfo {
            name: "demo-client".into(),
            lib_name: "demo_client".into(),
            version: "0.1.0".into(),
            description: None,
        },
        title: "Demo".into(),
        description: None,
        api_version: "v1".into(),
        types,
        operations: vec![op(
            "CreateTask",
            "create_task",
            "/v1/{project_id}/task",
            "TaskBody",
            "TaskResponse",
        )],
        regions: vec![Region {
            id: "r-1".into(),
            rust_name: "R1".into(),
            endpoint: "https://r-1.example".into(),
        }],
        default_region: Some("r-1".into()),
        default_server: None,
        auth: vec![AuthScheme {
            name: "token".into(),
            docs: None,
            kind: AuthKind::ApiKey {
                location: KeyLocation::Header,
                name: "X-Api-Token".into(),
                constraints: Constraints::default(),
                env: vec![],
            },
        }],
        security: vec![vec!["token".into()]],
        client: ClientInfo {
            user_agent: "demo-client/0.1.0".into(),
            settings: vec![],
            errors: ErrorFormat::default(),
            endpoint_env: "DEMO_CLIENT_ENDPOINT".into(),
            region_env: Some("DEMO_CLIENT_REGION".into()),
        },
    }
}

fn ty_mut<'a>(api: &'a mut Api, name: &str) -> &'a mut TypeDef {
    api.types
        .iter_mut()
        .find(|t| t.rust_name == name)
        .expect("type in fixture")
}

fn fields_mut<'a>(api: &'a mut Api, name: &str) -> &'a mut Vec<Field> {
    match &mut ty_mut(api, name).kind {
        TypeKind::Struct(s) => &mut s.fields,
        _ => panic!("not a struct"),
    }
}

fn field_mut<'a>(api: &'a mut Api, ty: &str, f: &str) -> &'a mut Field {
    fields_mut(api, ty)
        .iter_mut()
        .find(|x| x.wire_name == f)
        .expect("field in fixture")
}

fn variants_mut<'a>(api: &'a mut Api, name: &str) -> &'a mut Vec<EnumVariant<String>> {
    match &mut ty_mut(api, name).kind {
        TypeKind::StringEnum(e) => &mut e.variants,
        _ => panic!("not an enum"),
    }
}

/// The report's only non-documentation change.
fn only(old: &Api, new: &Api) -> Change {
    let r = diff(old, new);
    let v: Vec<&Change> = r.changes.iter().filter(|c| !c.is_doc()).collect();
    assert_eq!(v.len(), 1, "expected one change, got {:#?}", r.changes);
    v[0].clone()
}

#[test]
fn identical_specs_have_no_changes() {
    let r = diff(&base(), &base());
    assert!(r.changes.is_empty(), "{:#?}", r.changes);
    let s = r.semver("0.1.0").unwrap();
    assert_eq!((s.bump, s.next.as_str()), (Bump::None, "0.1.0"));
    assert!(!r.fails(FailOn::Any));
    assert!(r.to_markdown().contains("No API changes."));
}

#[test]
fn request_field_required_to_optional_is_wire_compatible_but_rust_breaking() {
    let old = base();
    let mut new = base();
    field_mut(&mut new, "TaskBody", "all_hosts").required = false;
    let c = only(&old, &new);
    assert_eq!(c.kind, Kind::RequiredToOptional);
    assert_eq!(
        (c.wire, c.direction),
        (Wire::Compatible, Direction::Request)
    );
    assert_eq!(c.rust, RustImpact::Breaking);
    assert!(
        c.rust_effect
            .contains("`TaskBody::all_hosts: bool -> Option<bool>`"),
        "{}",
        c.rust_effect
    );
    assert!(
        c.rust_effect
            .contains("`TaskBody::builder()` no longer requires `all_hosts`"),
        "{}",
        c.rust_effect
    );
    assert!(c.id.starts_with("req-opt-"), "{}", c.id);
    let r = diff(&old, &new);
    assert!(r.fails(FailOn::RustBreaking));
    assert!(!r.fails(FailOn::Breaking));
}

#[test]
fn optional_to_required_in_request_breaks_the_wire() {
    let old = base();
    let mut new = base();
    field_mut(&mut new, "TaskBody", "count").required = true;
    let c = only(&old, &new);
    assert_eq!(c.kind, Kind::OptionalToRequired);
    assert_eq!((c.wire, c.direction), (Wire::Breaking, Direction::Request));
    assert!(
        c.rust_effect
            .contains("`TaskBody::count: Option<i32> -> i32`"),
        "{}",
        c.rust_effect
    );
    assert!(
        c.rust_effect
            .contains("`TaskBody::builder()` now requires `count`"),
        "{}",
        c.rust_effect
    );
}

#[test]
fn required_to_optional_in_a_type_used_both_ways_breaks_readers() {
    let mut old = base();
    ty_mut(&mut old, "TaskBody").usage = BOTH;
    let mut new = old.clone();
    field_mut(&mut new, "TaskBody", "all_hosts").required = false;
    let c = only(&old, &new);
    assert_eq!((c.wire, c.direction), (Wire::Breaking, Direction::Response));
}

#[test]
fn new_fields_by_requiredness_and_direction() {
    let old = base();
    let mut new = base();
    fields_mut(&mut new, "TaskBody").push(field("must", string(), true));
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.direction),
        (Kind::FieldAdded, Wire::Breaking, Direction::Request)
    );
    assert_eq!(c.rust, RustImpact::BreakingBehavior);
    assert!(
        c.rust_effect
            .contains("`TaskBody::builder()` requires `must`"),
        "{}",
        c.rust_effect
    );

    let mut new = base();
    fields_mut(&mut new, "TaskBody").push(field("maybe", string(), false));
    let c = only(&old, &new);
    assert_eq!((c.wire, c.rust), (Wire::Compatible, RustImpact::Additive));
    assert!(
        c.rust_effect.contains("and setter `maybe`"),
        "{}",
        c.rust_effect
    );

    let mut new = base();
    fields_mut(&mut new, "TaskResponse").push(field("extra", string(), true));
    let c = only(&old, &new);
    assert_eq!(
        (c.wire, c.direction),
        (Wire::Compatible, Direction::Response)
    );
    // Still a field the builder requires: building one without it fails.
    assert_eq!(c.rust, RustImpact::BreakingBehavior);
}

#[test]
fn removed_response_field_breaks_readers() {
    let old = base();
    let mut new = base();
    fields_mut(&mut new, "TaskResponse").retain(|f| f.wire_name != "error");
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.direction),
        (Kind::FieldRemoved, Wire::Breaking, Direction::Response)
    );
    assert_eq!(c.rust, RustImpact::Breaking);
}

#[test]
fn enum_values_by_direction() {
    let old = base();
    // Added in a response: compatible thanks to the catch-all; additive for Rust.
    let mut new = base();
    variants_mut(&mut new, "State").push(EnumVariant {
        rust_name: "Failed".into(),
        value: "failed".into(),
        docs: None,
    });
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.direction),
        (Kind::EnumValueAdded, Wire::Compatible, Direction::Response)
    );
    assert!(c.wire_note.contains("catch-all"), "{}", c.wire_note);
    assert_eq!(c.rust, RustImpact::Additive);
    assert!(c.rust_effect.contains("`State::Failed`"));
    // Removed from a request enum: breaking on the wire and for Rust.
    let mut new = base();
    variants_mut(&mut new, "Kind").retain(|v| v.value != "container");
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.direction),
        (Kind::EnumValueRemoved, Wire::Breaking, Direction::Request)
    );
    assert_eq!(c.rust, RustImpact::Breaking);
    // Removed from a response enum: readers are fine, Rust code naming it is not.
    let mut new = base();
    variants_mut(&mut new, "State").retain(|v| v.value != "done");
    let c = only(&old, &new);
    assert_eq!((c.wire, c.rust), (Wire::Compatible, RustImpact::Breaking));
    // A Rust-only rename of a variant.
    let mut new = base();
    variants_mut(&mut new, "State")[0].rust_name = "IsRunning".into();
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::RustName, Wire::None, RustImpact::Breaking)
    );
}

#[test]
fn request_max_items_added_is_stricter_validation() {
    let old = base();
    let mut new = base();
    let f = field_mut(&mut new, "TaskBody", "host_ids");
    f.shape.constraints.max_items = Some(200);
    f.shape.constraints.min_items = Some(0);
    let c = only(&old, &new);
    assert_eq!(c.kind, Kind::ConstraintAdded);
    assert_eq!((c.wire, c.direction), (Wire::Breaking, Direction::Request));
    assert_eq!(c.rust, RustImpact::BreakingBehavior);
    assert_eq!(
        c.rust_effect,
        "validation stricter: `TaskBody::host_ids` at most 200 items"
    );
    assert_eq!(c.new.as_deref(), Some("maxItems: 200"));
    // Loosening it back is compatible and relaxes validation.
    let c = only(&new, &old);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (
            Kind::ConstraintRemoved,
            Wire::Compatible,
            RustImpact::Compatible
        )
    );
    assert!(
        c.rust_effect.starts_with("validation relaxed"),
        "{}",
        c.rust_effect
    );
}

#[test]
fn array_item_constraints_and_types() {
    let old = base();
    let mut new = base();
    let f = field_mut(&mut new, "TaskBody", "host_ids");
    f.shape.ty = TypeRef::Array(Box::new(Shape {
        ty: string(),
        nullable: false,
        constraints: Constraints {
            max_length: Some(64),
            ..Default::default()
        },
    }));
    let c = only(&old, &new);
    assert_eq!(c.location, "TaskBody.host_ids[]");
    assert_eq!(
        c.rust_effect,
        "validation stricter: `TaskBody::host_ids` items at most 64 characters"
    );

    let mut new = base();
    if let TypeRef::Array(item) = &mut field_mut(&mut new, "TaskBody", "host_ids").shape.ty {
        item.nullable = true;
    }
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::Nullable, Wire::Compatible, RustImpact::Breaking)
    );
    assert!(
        c.rust_effect
            .contains("Option<Vec<String>> -> Option<Vec<Option<String>>>"),
        "{}",
        c.rust_effect
    );
}

#[test]
fn response_constraints_are_compatible_when_tightened_and_breaking_when_loosened() {
    let old = base();
    let mut new = base();
    let f = field_mut(&mut new, "TaskResponse", "error");
    f.shape.constraints.min_length = Some(1);
    f.shape.constraints.max_length = Some(256);
    let r = diff(&old, &new);
    assert_eq!(r.changes.len(), 2);
    for c in &r.changes {
        assert_eq!(
            (c.wire, c.direction, c.rust),
            (Wire::Compatible, Direction::Response, RustImpact::None)
        );
    }
    let r = diff(&new, &old);
    assert!(r
        .changes
        .iter()
        .all(|c| c.wire == Wire::Breaking && c.rust == RustImpact::None));
}

#[test]
fn integer_widening_by_direction() {
    let old = base();
    let mut new = base();
    field_mut(&mut new, "TaskBody", "count").shape.ty = TypeRef::Integer(IntFormat::Int64);
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::TypeChanged, Wire::Compatible, RustImpact::Breaking)
    );
    assert!(
        c.rust_effect.contains("Option<i32> -> Option<i64>"),
        "{}",
        c.rust_effect
    );
    let mut old2 = base();
    fields_mut(&mut old2, "TaskResponse").push(field(
        "n",
        TypeRef::Integer(IntFormat::Int32),
        false,
    ));
    let mut new2 = old2.clone();
    field_mut(&mut new2, "TaskResponse", "n").shape.ty = TypeRef::Integer(IntFormat::Int64);
    assert_eq!(only(&old2, &new2).wire, Wire::Breaking);
}

#[test]
fn string_format_is_wire_only() {
    let old = base();
    let mut new = base();
    field_mut(&mut new, "TaskResponse", "error").shape.ty = TypeRef::String {
        format: Some("date-time".into()),
    };
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::Format, Wire::Compatible, RustImpact::None)
    );
}

#[test]
fn nullable_on_a_required_field_changes_the_rust_type() {
    let old = base();
    let mut new = base();
    field_mut(&mut new, "TaskBody", "all_hosts").shape.nullable = true;
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::Nullable, Wire::Compatible, RustImpact::Breaking)
    );
    // On an optional field the Rust type is Option either way.
    let mut new = base();
    field_mut(&mut new, "TaskBody", "count").shape.nullable = true;
    assert_eq!(only(&old, &new).rust, RustImpact::None);
}

#[test]
fn operation_rename_is_rust_breaking_only() {
    let old = base();
    let mut new = base();
    let o = &mut new.operations[0];
    o.operation_id = "StartTask".into();
    o.rust_name = "start_task".into();
    o.type_prefix = "StartTask".into();
    o.request_type = "StartTaskRequest".into();
    o.module = "start_task".into();
    o.example = "start_task".into();
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::OperationRenamed, Wire::None, RustImpact::Breaking)
    );
    assert!(c.rust_effect.contains("`create_task()` -> `start_task()`"));
    assert!(c
        .rust_effect
        .contains("`CreateTaskRequest` -> `StartTaskRequest`"));
    assert_eq!(c.group, Group::Operation("StartTask".into()));
    // A renamed path placeholder does not break the pairing.
    new.operations[0].path = "/v1/{pid}/task".into();
    new.operations[0].params[0].wire_name = "pid".into();
    let r = diff(&old, &new);
    assert!(r
        .changes
        .iter()
        .any(|c| c.kind == Kind::ParameterRenamed && c.wire == Wire::None));
    assert!(!r.changes.iter().any(|c| c.kind == Kind::OperationRemoved));
}

#[test]
fn operations_added_removed_and_moved() {
    let old = base();
    let mut new = base();
    new.operations.push(op(
        "ListTasks",
        "list_tasks",
        "/v1/{project_id}/tasks",
        "TaskBody",
        "TaskResponse",
    ));
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::OperationAdded, Wire::Compatible, RustImpact::Additive)
    );
    let c = only(&new, &old);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::OperationRemoved, Wire::Breaking, RustImpact::Breaking)
    );
    let mut moved = base();
    moved.operations[0].path = "/v2/{project_id}/task".into();
    let c = only(&old, &moved);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::OperationMoved, Wire::Breaking, RustImpact::Compatible)
    );
}

#[test]
fn parameters_added_removed_and_requiredness() {
    let old = base();
    let mut new = base();
    new.operations[0]
        .params
        .push(param("category", ParamLocation::Query, true));
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (
            Kind::ParameterAdded,
            Wire::Breaking,
            RustImpact::BreakingBehavior
        )
    );
    assert_eq!(c.location, "CreateTask query.category");
    assert!(c
        .rust_effect
        .contains("`CreateTaskRequest::builder()` requires `category`"));

    let mut new = base();
    new.operations[0]
        .params
        .push(param("region", ParamLocation::Header, false));
    let c = only(&old, &new);
    assert_eq!((c.wire, c.rust), (Wire::Compatible, RustImpact::Additive));
    // Header names match case-insensitively.
    let mut newer = new.clone();
    newer.operations[0].params[1].wire_name = "Region".into();
    assert!(diff(&new, &newer).changes.is_empty());

    let c = only(&new, &old);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::ParameterRemoved, Wire::Breaking, RustImpact::Breaking)
    );

    // A required parameter the client configuration supplies is Option either way.
    let mut new = base();
    new.operations[0].params[0].required = false;
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::RequiredToOptional, Wire::Compatible, RustImpact::None)
    );
    // Dropping x-client-config turns Option<String> into String.
    let mut new = base();
    new.operations[0].params[0].client_config = None;
    let c = only(&old, &new);
    assert_eq!((c.kind, c.rust), (Kind::ClientConfig, RustImpact::Breaking));
    assert!(
        c.rust_effect.contains("Option<String> -> String"),
        "{}",
        c.rust_effect
    );
}

#[test]
fn type_renamed_through_the_body_is_one_change() {
    let old = base();
    let mut new = base();
    let mut t = new.types.remove(
        new.types
            .iter()
            .position(|t| t.rust_name == "TaskBody")
            .unwrap(),
    );
    t.rust_name = "TaskRequestBody".into();
    new.types.push(t);
    new.types.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    new.operations[0].body.as_mut().unwrap().ty = TypeRef::Named("TaskRequestBody".into());
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::TypeRenamed, Wire::None, RustImpact::Breaking)
    );
    assert_eq!(c.rust_effect, "`TaskBody` -> `TaskRequestBody`");
    // And a change inside it is reported under the new name.
    field_mut(&mut new, "TaskRequestBody", "all_hosts").required = false;
    let r = diff(&old, &new);
    let c = r
        .changes
        .iter()
        .find(|c| c.kind == Kind::RequiredToOptional)
        .unwrap();
    assert_eq!(c.group, Group::Type("TaskRequestBody".into()));
}

#[test]
fn unrelated_types_are_added_and_removed() {
    let old = base();
    let mut new = base();
    new.types.push(string_enum("Zeta", REQ, &["a"]));
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::TypeAdded, Wire::None, RustImpact::Additive)
    );
    let c = only(&new, &old);
    assert_eq!((c.kind, c.rust), (Kind::TypeRemoved, RustImpact::Breaking));
}

#[test]
fn required_when_rules() {
    let old = base();
    let mut new = base();
    let rule = RequiredWhen {
        require: vec![FieldName {
            rust_name: "host_ids".into(),
            wire_name: "host_ids".into(),
        }],
        when: Condition {
            field: FieldName {
                rust_name: "all_hosts".into(),
                wire_name: "all_hosts".into(),
            },
            values: vec![Literal::Bool(false)],
        },
        description: None,
    };
    if let TypeKind::Struct(s) = &mut ty_mut(&mut new, "TaskBody").kind {
        s.rules.push(rule.clone());
    }
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (
            Kind::RuleAdded,
            Wire::Breaking,
            RustImpact::BreakingBehavior
        )
    );
    assert_eq!(
        c.new.as_deref(),
        Some("when all_hosts = false: require host_ids")
    );
    let c = only(&new, &old);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::RuleRemoved, Wire::Compatible, RustImpact::Compatible)
    );
    // Requiring more under the same condition is stricter.
    let mut newer = new.clone();
    if let TypeKind::Struct(s) = &mut ty_mut(&mut newer, "TaskBody").kind {
        s.rules[0].require.push(FieldName {
            rust_name: "count".into(),
            wire_name: "count".into(),
        });
    }
    let c = only(&new, &newer);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (
            Kind::RuleChanged,
            Wire::Breaking,
            RustImpact::BreakingBehavior
        )
    );
}

#[test]
fn defaults_and_docs() {
    let old = base();
    let mut new = base();
    new.operations[0].params.push(Parameter {
        default: Some("host".into()),
        ..param("category", ParamLocation::Query, true)
    });
    let mut old2 = old.clone();
    old2.operations[0]
        .params
        .push(param("category", ParamLocation::Query, true));
    let c = only(&old2, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::Default, Wire::Compatible, RustImpact::None)
    );
    assert_eq!(c.new.as_deref(), Some("\"host\""));

    let mut new = base();
    ty_mut(&mut new, "Kind").docs = Some("Asset type".into());
    new.operations[0].responses[0].example = Some(serde_json::json!({"error": "ok"}));
    let r = diff(&old, &new);
    assert_eq!(r.changes.len(), 2);
    assert!(r
        .changes
        .iter()
        .all(|c| c.is_doc() && c.wire == Wire::None && c.rust == RustImpact::None));
    assert!(r.changes.iter().any(|c| c.kind == Kind::Example));
    let s = r.semver("0.1.0").unwrap();
    assert_eq!((s.class, s.next.as_str()), (ChangeClass::Fix, "0.1.1"));
    let md = r.to_markdown();
    assert!(md.contains("### Documentation only"));
    assert!(md.contains("description added: \"Asset type\""), "{md}");
    assert!(!r.fails(FailOn::RustBreaking) && r.fails(FailOn::Any));
}

#[test]
fn regions_and_auth() {
    let old = base();
    let mut new = base();
    new.regions.push(Region {
        id: "r-2".into(),
        rust_name: "R2".into(),
        endpoint: "https://r-2.example".into(),
    });
    let c = only(&old, &new);
    assert_eq!((c.kind, c.rust), (Kind::RegionAdded, RustImpact::Additive));
    let c = only(&new, &old);
    assert_eq!(
        (c.kind, c.rust),
        (Kind::RegionRemoved, RustImpact::Breaking)
    );
    new.default_region = Some("r-2".into());
    let r = diff(&old, &new);
    let c = r
        .changes
        .iter()
        .find(|c| c.kind == Kind::DefaultRegion)
        .unwrap();
    assert_eq!(c.rust, RustImpact::BreakingBehavior);

    let mut new = base();
    new.auth.clear();
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::AuthRemoved, Wire::Breaking, RustImpact::Breaking)
    );
    let mut new = base();
    if let AuthKind::ApiKey { constraints, .. } = &mut new.auth[0].kind {
        constraints.max_length = Some(32768);
    }
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (
            Kind::ConstraintAdded,
            Wire::Breaking,
            RustImpact::BreakingBehavior
        )
    );
}

fn scheme(name: &str, kind: AuthKind) -> AuthScheme {
    AuthScheme {
        name: name.into(),
        docs: None,
        kind,
    }
}

fn signing(env: CredentialEnv) -> AuthKind {
    AuthKind::Signing {
        algorithm: SigningAlgorithm::SdkHmacSha256,
        env,
    }
}

#[test]
fn default_security_by_narrowing_and_users() {
    let mut old = base();
    old.auth
        .push(scheme("aksk", signing(CredentialEnv::default())));
    old.security = vec![vec!["token".into()], vec!["aksk".into()]];
    // An alternative removed: refused on the wire and by the client before sending.
    let mut new = old.clone();
    new.security = vec![vec!["aksk".into()]];
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.direction, c.rust),
        (
            Kind::DefaultSecurity,
            Wire::Breaking,
            Direction::Request,
            RustImpact::BreakingBehavior
        )
    );
    assert_eq!(
        (c.old.as_deref(), c.new.as_deref()),
        (Some("aksk, token"), Some("aksk"))
    );
    assert!(c.rust_effect.contains("`CreateTask`"), "{}", c.rust_effect);
    // Added back: compatible both ways.
    let c = only(&new, &old);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (
            Kind::DefaultSecurity,
            Wire::Compatible,
            RustImpact::Compatible
        )
    );
    // No authentication needed any more accepts every request.
    let mut open = old.clone();
    open.security = vec![vec![]];
    let c = only(&old, &open);
    assert_eq!((c.wire, c.rust), (Wire::Compatible, RustImpact::Compatible));
    // No root `security` at all is the same as an alternative without schemes.
    let mut absent = old.clone();
    absent.security = vec![];
    assert!(diff(&open, &absent).changes.is_empty());
    // ... and requiring authentication where none was needed narrows.
    let c = only(&absent, &old);
    assert_eq!(
        (c.wire, c.rust),
        (Wire::Breaking, RustImpact::BreakingBehavior)
    );
    // Operations with their own requirement are unaffected: reported without effect.
    let (mut own_old, mut own_new) = (old.clone(), new.clone());
    own_old.operations[0].security = Some(vec![vec!["token".into()]]);
    own_new.operations[0].security = Some(vec![vec!["token".into()]]);
    let c = only(&own_old, &own_new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::DefaultSecurity, Wire::None, RustImpact::None)
    );
    // An operation leaving the default is reported on the operation, with the same verdicts.
    let mut leaves = old.clone();
    leaves.operations[0].security = Some(vec![vec!["aksk".into()]]);
    let c = only(&old, &leaves);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (
            Kind::OperationSecurity,
            Wire::Breaking,
            RustImpact::BreakingBehavior
        )
    );
}

#[test]
fn auth_kind_changes_and_credential_env() {
    let old = base();
    // A token in a header -> a bearer token: same credentials, sent another way.
    let mut new = base();
    new.auth[0].kind = AuthKind::Bearer { env: vec![] };
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::AuthChanged, Wire::Breaking, RustImpact::Compatible)
    );
    assert!(
        c.rust_effect.contains("still takes `Credentials::Token`"),
        "{}",
        c.rust_effect
    );
    // -> basic: configured tokens no longer fit.
    new.auth[0].kind = AuthKind::Basic {
        username_env: vec![],
        password_env: vec![],
    };
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (
            Kind::AuthChanged,
            Wire::Breaking,
            RustImpact::BreakingBehavior
        )
    );
    assert!(
        c.summary
            .contains("token in header X-Api-Token -> user name and password"),
        "{}",
        c.summary
    );
    // The only signing scheme becomes a token: the public signing module goes.
    let mut signs = base();
    signs.auth[0].kind = signing(CredentialEnv::default());
    let c = only(&signs, &old);
    assert_eq!(c.rust, RustImpact::Breaking);
    // Another scheme's kind change is not blamed for a signing scheme removed beside it.
    let mut two = base();
    two.auth
        .push(scheme("aksk", signing(CredentialEnv::default())));
    let mut one_left = base();
    one_left.auth[0].kind = AuthKind::Bearer { env: vec![] };
    let r = diff(&two, &one_left);
    let kinds: Vec<_> = r.changes.iter().map(|c| (c.kind, c.rust)).collect();
    assert_eq!(
        kinds,
        vec![
            (Kind::AuthRemoved, RustImpact::Breaking),
            (Kind::AuthChanged, RustImpact::Compatible),
        ],
        "{:#?}",
        r.changes
    );
    // Bearer and basic schemes that did not change report nothing.
    let same = diff(&new, &new);
    assert!(same.changes.is_empty(), "{:#?}", same.changes);
    // Environment variables of every kind, compared like those of a signing scheme; a token
    // keeps its variables across a kind change.
    let env = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let mut a = base();
    a.auth[0].kind = AuthKind::Bearer {
        env: env(&["A", "B"]),
    };
    let mut b = a.clone();
    b.auth[0].kind = AuthKind::Bearer {
        env: env(&["A", "B", "C"]),
    };
    let c = only(&a, &b);
    assert_eq!(
        (c.kind, c.location.as_str(), c.wire, c.rust),
        (
            Kind::AuthChanged,
            "auth.token.env.token",
            Wire::None,
            RustImpact::Compatible
        )
    );
    assert!(
        c.rust_effect.contains("now also reads `C`"),
        "{}",
        c.rust_effect
    );
    b.auth[0].kind = AuthKind::Bearer {
        env: env(&["B", "A"]),
    };
    assert_eq!(only(&a, &b).rust, RustImpact::BreakingBehavior);
    let mut key = a.clone();
    key.auth[0].kind = AuthKind::ApiKey {
        location: KeyLocation::Header,
        name: "X-Api-Token".into(),
        constraints: Constraints::default(),
        env: env(&["A"]),
    };
    let r = diff(&a, &key);
    let c = r
        .changes
        .iter()
        .find(|c| c.location == "auth.token.env.token")
        .expect("token env compared across the kind change");
    assert_eq!(c.rust, RustImpact::BreakingBehavior);
    assert!(
        c.rust_effect.contains("no longer reads `B`"),
        "{}",
        c.rust_effect
    );
    let mut basic = base();
    basic.auth[0].kind = AuthKind::Basic {
        username_env: env(&["U"]),
        password_env: env(&["P"]),
    };
    let mut basic2 = basic.clone();
    basic2.auth[0].kind = AuthKind::Basic {
        username_env: env(&["U"]),
        password_env: vec![],
    };
    let c = only(&basic, &basic2);
    assert_eq!(
        (c.location.as_str(), c.rust),
        ("auth.token.env.password", RustImpact::BreakingBehavior)
    );
}

fn setting(name: &str, env: &[&str], header: Option<&str>) -> Setting {
    Setting {
        name: name.into(),
        method: name.into(),
        docs: None,
        env: env.iter().map(|s| s.to_string()).collect(),
        header: header.map(str::to_string),
    }
}

#[test]
fn client_settings() {
    let mut old = base();
    old.client.settings = vec![setting("project_id", &["P"], Some("X-Project-Id"))];
    // Removed: its builder method goes, and its header is no longer sent.
    let mut new = old.clone();
    new.client.settings.clear();
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.direction, c.rust),
        (
            Kind::SettingRemoved,
            Wire::Breaking,
            Direction::Request,
            RustImpact::Breaking
        )
    );
    assert!(
        c.rust_effect
            .contains("`ClientBuilder::project_id()` removed"),
        "{}",
        c.rust_effect
    );
    // Added: a new method; its header is optional.
    let c = only(&new, &old);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::SettingAdded, Wire::Compatible, RustImpact::Additive)
    );
    // Without a header a setting has no wire effect of its own.
    let mut plain = new.clone();
    plain.client.settings = vec![setting("tenant", &[], None)];
    let c = only(&new, &plain);
    assert_eq!((c.wire, c.rust), (Wire::None, RustImpact::Additive));
    // Header: added, removed, renamed; a change of case is no change.
    let with = |h: Option<&str>| {
        let mut a = old.clone();
        a.client.settings[0].header = h.map(str::to_string);
        a
    };
    let c = only(&with(None), &old);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (
            Kind::SettingChanged,
            Wire::Compatible,
            RustImpact::BreakingBehavior
        )
    );
    let c = only(&old, &with(None));
    assert_eq!((c.wire, c.rust), (Wire::Breaking, RustImpact::Compatible));
    let c = only(&old, &with(Some("X-Project")));
    assert_eq!(
        (c.location.as_str(), c.wire, c.rust),
        (
            "x-client.settings.project_id.header",
            Wire::Breaking,
            RustImpact::Compatible
        )
    );
    assert!(diff(&old, &with(Some("x-project-id"))).changes.is_empty());
    // Environment variables, as for credentials.
    let mut env = old.clone();
    env.client.settings[0].env = vec!["Q".into()];
    let c = only(&old, &env);
    assert_eq!(
        (c.kind, c.location.as_str(), c.wire, c.rust),
        (
            Kind::SettingChanged,
            "x-client.settings.project_id.env",
            Wire::None,
            RustImpact::BreakingBehavior
        )
    );
    assert!(
        c.rust_effect.contains(
            "the setting `project_id` from the environment: no longer reads `P`; now reads `Q`"
        ),
        "{}",
        c.rust_effect
    );
}

#[test]
fn error_format_and_client_environment() {
    let mut old = base();
    old.client.errors = ErrorFormat {
        code: vec!["error_code".into(), "code".into()],
        message: vec!["error_msg".into()],
        request_id: vec![],
        request_id_headers: vec!["X-Request-Id".into()],
    };
    let mut new = old.clone();
    new.client.errors.code.push("error.code".into());
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.location.as_str(), c.wire, c.rust),
        (
            Kind::ErrorFormat,
            "x-client.errors.code",
            Wire::None,
            RustImpact::Compatible
        )
    );
    let c = only(&new, &old);
    assert_eq!(c.rust, RustImpact::BreakingBehavior);
    let mut swapped = old.clone();
    swapped.client.errors.code.reverse();
    assert_eq!(only(&old, &swapped).rust, RustImpact::BreakingBehavior);
    let mut headers = old.clone();
    headers.client.errors.request_id_headers = vec!["x-request-id".into()];
    assert!(diff(&old, &headers).changes.is_empty());
    headers.client.errors.request_id_headers.clear();
    let c = only(&old, &headers);
    assert_eq!(
        (c.location.as_str(), c.rust),
        (
            "x-client.errors.request-id-headers",
            RustImpact::BreakingBehavior
        )
    );
    // The endpoint and region variables.
    let mut env = base();
    env.client.endpoint_env = "DEMO_URL".into();
    env.client.region_env = None;
    let r = diff(&base(), &env);
    let v: Vec<_> = r
        .changes
        .iter()
        .map(|c| (c.kind, c.location.as_str(), c.wire, c.rust))
        .collect();
    assert_eq!(
        v,
        vec![
            (
                Kind::ClientEnv,
                "x-client.endpoint-env",
                Wire::None,
                RustImpact::BreakingBehavior
            ),
            (
                Kind::ClientEnv,
                "x-client.region-env",
                Wire::None,
                RustImpact::BreakingBehavior
            ),
        ]
    );
    // Back: DEMO_URL is no longer read; the region variable is read again.
    let r = diff(&env, &base());
    let v: Vec<_> = r.changes.iter().map(|c| c.rust).collect();
    assert_eq!(
        v,
        vec![RustImpact::BreakingBehavior, RustImpact::Compatible],
        "{:#?}",
        r.changes
    );
}

#[test]
fn user_agent_only_when_the_spec_sets_it() {
    let old = base();
    // Following the crate version: not a change of its own.
    let mut bumped = base();
    bumped.krate.version = "0.2.0".into();
    bumped.client.user_agent = "demo-client/0.2.0".into();
    assert!(diff(&old, &bumped).changes.is_empty());
    let mut set = base();
    set.client.user_agent = "demo/1".into();
    let c = only(&old, &set);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::UserAgent, Wire::None, RustImpact::Compatible)
    );
    assert!(c.rust_effect.contains("`demo/1`"), "{}", c.rust_effect);
}

#[test]
fn default_server_and_its_variables() {
    let server = |url: &str, vars: Vec<ServerVariable>| Server {
        url: url.into(),
        variables: vars,
    };
    let var = |name: &str, default: &str, allowed: &[&str]| ServerVariable {
        name: name.into(),
        default: default.into(),
        allowed: allowed.iter().map(|s| s.to_string()).collect(),
        docs: None,
    };
    let mut old = base();
    old.regions.clear();
    old.default_region = None;
    old.client.region_env = None;
    old.default_server = Some(server(
        "https://{zone}.example",
        vec![var("zone", "eu", &["eu", "us"])],
    ));
    // Another URL: requests go elsewhere by default.
    let mut new = old.clone();
    new.default_server.as_mut().unwrap().url = "https://{zone}.example.org".into();
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (
            Kind::DefaultServer,
            Wire::Breaking,
            RustImpact::BreakingBehavior
        )
    );
    // Gone: build() without an endpoint fails; added back: it succeeds.
    let mut gone = old.clone();
    gone.default_server = None;
    let c = only(&old, &gone);
    assert_eq!(
        (c.wire, c.rust),
        (Wire::Breaking, RustImpact::BreakingBehavior)
    );
    let c = only(&gone, &old);
    assert_eq!((c.wire, c.rust), (Wire::Compatible, RustImpact::Compatible));
    let with_var = |v: ServerVariable| {
        let mut a = old.clone();
        a.default_server.as_mut().unwrap().variables = vec![v];
        a
    };
    let c = only(&old, &with_var(var("zone", "us", &["eu", "us"])));
    assert_eq!(
        (c.kind, c.location.as_str(), c.wire, c.rust),
        (
            Kind::ServerVariable,
            "servers (default).variables.zone.default",
            Wire::None,
            RustImpact::BreakingBehavior
        )
    );
    let c = only(&old, &with_var(var("zone", "eu", &["eu"])));
    assert_eq!(
        (c.wire, c.rust),
        (Wire::Breaking, RustImpact::BreakingBehavior)
    );
    let c = only(&old, &with_var(var("zone", "eu", &["eu", "us", "ap"])));
    assert_eq!((c.wire, c.rust), (Wire::Compatible, RustImpact::Compatible));
    let c = only(&old, &with_var(var("zone", "eu", &[])));
    assert_eq!((c.wire, c.rust), (Wire::Compatible, RustImpact::Compatible));
    let c = only(&with_var(var("zone", "eu", &[])), &old);
    assert_eq!(
        (c.wire, c.rust),
        (Wire::Breaking, RustImpact::BreakingBehavior)
    );
    // A variable renamed: the URL changes, one variable goes and one comes.
    let mut renamed = old.clone();
    renamed.default_server = Some(server(
        "https://{area}.example",
        vec![var("area", "eu", &["eu", "us"])],
    ));
    let r = diff(&old, &renamed);
    let v: Vec<_> = r.changes.iter().map(|c| (c.kind, c.rust)).collect();
    assert_eq!(
        v,
        vec![
            (Kind::DefaultServer, RustImpact::BreakingBehavior),
            (Kind::ServerVariable, RustImpact::Compatible),
            (Kind::ServerVariable, RustImpact::BreakingBehavior),
        ],
        "{:#?}",
        r.changes
    );
    // Behind a default region on both sides the client never uses it.
    let (mut a, mut b) = (old.clone(), new.clone());
    for api in [&mut a, &mut b] {
        api.regions = base().regions;
        api.default_region = base().default_region;
        api.client.region_env = base().client.region_env;
    }
    let c = only(&a, &b);
    assert_eq!((c.wire, c.rust), (Wire::Breaking, RustImpact::None));
    assert!(c.rust_effect.contains("default region takes precedence"));
}

#[test]
fn success_response_body_change_changes_the_return_type() {
    let old = base();
    let mut new = base();
    new.operations[0].responses[0].body = None;
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::TypeChanged, Wire::Breaking, RustImpact::Breaking)
    );
    assert!(
        c.rust_effect
            .contains("returns no body instead of TaskResponse"),
        "{}",
        c.rust_effect
    );
    let mut new = base();
    new.operations[0].responses.push(ResponseDef {
        status: Some(429),
        description: "Too many".into(),
        body: None,
        kind: None,
        content_type: None,
        example: None,
        headers: vec![],
        headers_type: None,
    });
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::ResponseAdded, Wire::Compatible, RustImpact::None)
    );
}

#[test]
fn ids_are_stable_and_independent_of_other_changes() {
    let old = base();
    let mut a = base();
    field_mut(&mut a, "TaskBody", "all_hosts").required = false;
    let mut b = a.clone();
    b.regions.push(Region {
        id: "r-9".into(),
        rust_name: "R9".into(),
        endpoint: "https://x".into(),
    });
    variants_mut(&mut b, "State").push(EnumVariant {
        rust_name: "X".into(),
        value: "x".into(),
        docs: None,
    });
    let ra = diff(&old, &a);
    let rb = diff(&old, &b);
    let id = &ra.changes[0].id;
    assert!(
        rb.change(id)
            .is_some_and(|c| c.kind == Kind::RequiredToOptional),
        "{id} not in {:#?}",
        rb.changes
    );
    // Format: code, dash, 8 hex digits.
    let hex = id.strip_prefix("req-opt-").unwrap();
    assert_eq!(hex.len(), 8);
    assert!(hex.chars().all(|c| c.is_ascii_hexdigit()));
    // Different changes get different ids.
    let ids: BTreeSet<&String> = rb.changes.iter().map(|c| &c.id).collect();
    assert_eq!(ids.len(), rb.changes.len());
}

#[test]
fn fnv1a_matches_the_reference_values() {
    assert_eq!(fnv1a(b""), 0xcbf29ce484222325);
    assert_eq!(fnv1a(b"a"), 0xaf63dc4c8601ec8c);
    assert_eq!(fnv1a(b"foobar"), 0x85944171f73967e8);
}

#[test]
fn output_is_deterministic_and_sorted() {
    let old = base();
    let mut new = base();
    field_mut(&mut new, "TaskBody", "all_hosts").required = false;
    fields_mut(&mut new, "TaskResponse").retain(|f| f.wire_name != "error");
    new.regions.clear();
    new.operations[0].summary = Some("Create".into());
    let r1 = diff(&old, &new);
    let r2 = diff(&old, &new);
    assert_eq!(r1.to_markdown(), r2.to_markdown());
    assert_eq!(r1.to_json(), r2.to_json());
    let keys: Vec<_> = r1
        .changes
        .iter()
        .map(|c| (c.group.clone(), c.is_doc(), c.location.clone()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // API group first, then operations, then types.
    assert_eq!(r1.changes[0].group, Group::Api);
    assert!(matches!(r1.changes.last().unwrap().group, Group::Type(_)));
}

#[test]
fn semver_follows_the_rust_verdicts() {
    let old = base();
    let mut breaking = base();
    field_mut(&mut breaking, "TaskBody", "all_hosts").required = false;
    let mut additive = base();
    fields_mut(&mut additive, "TaskBody").push(field("maybe", string(), false));
    let mut fix = base();
    fix.title = "Demo API".into();
    let next = |new: &Api, v: &str| diff(&old, new).semver(v).unwrap().next;
    assert_eq!(next(&breaking, "0.1.0"), "0.2.0");
    assert_eq!(next(&additive, "0.1.0"), "0.1.1");
    assert_eq!(next(&fix, "0.1.0"), "0.1.1");
    assert_eq!(next(&breaking, "1.2.3"), "2.0.0");
    assert_eq!(next(&additive, "1.2.3"), "1.3.0");
    assert_eq!(next(&fix, "1.2.3"), "1.2.4");
    assert_eq!(next(&breaking, "0.0.3"), "0.0.4");
    assert_eq!(next(&breaking, "2.0.0-rc.1"), "2.0.0");
    assert_eq!(next(&breaking, "1.0.0+build"), "2.0.0");
    assert!(diff(&old, &breaking).semver("one").is_err());
    assert!(diff(&old, &breaking)
        .semver("18446744073709551615.0.0")
        .is_err());
    // Wire-breaking with no Rust effect is a patch: upgrading the crate does not break callers.
    let mut wire_only = base();
    wire_only.operations[0].path = "/v2/{project_id}/task".into();
    let r = diff(&old, &wire_only);
    assert!(r.fails(FailOn::Breaking) && !r.fails(FailOn::RustBreaking));
    assert_eq!(r.semver("1.0.0").unwrap().bump, Bump::Patch);
}

#[test]
fn head_version_check() {
    let old = base();
    let mut new = base();
    field_mut(&mut new, "TaskBody", "all_hosts").required = false;
    let s = diff(&old, &new).semver("0.1.0").unwrap();
    assert_eq!(s.head_status, HeadVersion::NotBumped);
    assert!(diff(&old, &new).to_markdown().contains("set it to `0.2.0`"));
    new.krate.version = "0.1.5".into();
    assert_eq!(
        diff(&old, &new).semver("0.1.0").unwrap().head_status,
        HeadVersion::TooLow
    );
    new.krate.version = "0.2.0".into();
    assert_eq!(
        diff(&old, &new).semver("0.1.0").unwrap().head_status,
        HeadVersion::Ok
    );
    new.krate.version = "x".into();
    assert_eq!(
        diff(&old, &new).semver("0.1.0").unwrap().head_status,
        HeadVersion::Invalid
    );
    // A version change alone is not an API change.
    let mut bumped = base();
    bumped.krate.version = "0.2.0".into();
    assert!(diff(&old, &bumped).changes.is_empty());
}

#[test]
fn fail_on_parses_and_gates() {
    assert_eq!("breaking".parse::<FailOn>(), Ok(FailOn::Breaking));
    assert_eq!("rust-breaking".parse::<FailOn>(), Ok(FailOn::RustBreaking));
    assert_eq!("any".parse::<FailOn>(), Ok(FailOn::Any));
    assert_eq!("never".parse::<FailOn>(), Ok(FailOn::Never));
    assert!("sometimes".parse::<FailOn>().is_err());
    let old = base();
    let mut new = base();
    field_mut(&mut new, "TaskBody", "count").required = true;
    let r = diff(&old, &new);
    assert!(r.fails(FailOn::Breaking) && r.fails(FailOn::RustBreaking) && r.fails(FailOn::Any));
    assert!(!r.fails(FailOn::Never));
}

#[test]
fn json_carries_every_change_with_both_verdicts() {
    let old = base();
    let mut new = base();
    field_mut(&mut new, "TaskBody", "all_hosts").required = false;
    let r = diff(&old, &new);
    let j: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(j["semver"]["next"], "0.2.0");
    assert_eq!(j["semver"]["bump"], "minor");
    assert_eq!(j["summary"]["rust_breaking"], 1);
    let c = &j["changes"][0];
    assert_eq!(c["kind"], "required-to-optional");
    assert_eq!(c["wire"], "compatible");
    assert_eq!(c["direction"], "request");
    assert_eq!(c["rust"], "breaking");
    assert_eq!(c["group"]["kind"], "type");
    assert_eq!(c["group"]["name"], "TaskBody");
    assert_eq!(c["id"], r.changes[0].id.as_str());
    assert_eq!(j["type_users"]["TaskBody"][0], "CreateTask request");
}

#[test]
fn markdown_groups_by_operation_and_type_and_escapes_cells() {
    let old = base();
    let mut new = base();
    field_mut(&mut new, "TaskBody", "all_hosts").required = false;
    // A pattern applies to strings: the array's items.
    if let TypeRef::Array(item) = &mut field_mut(&mut new, "TaskBody", "host_ids").shape.ty {
        item.constraints.pattern = Some("^a|b$".into());
    }
    new.operations[0]
        .params
        .push(param("category", ParamLocation::Query, false));
    let md = diff(&old, &new).to_markdown();
    assert!(
        md.contains("### Operation `CreateTask` · `POST /v1/{project_id}/task` · `create_task()`"),
        "{md}"
    );
    assert!(
        md.contains("### Type `TaskBody` · used by CreateTask request"),
        "{md}"
    );
    assert!(md.contains("^a\\|b$"), "{md}");
    assert!(
        md.contains("**Semver: bump the minor version: 0.1.0 → 0.2.0**"),
        "{md}"
    );
    // Every table row has the same number of unescaped cell separators.
    for line in md.lines().filter(|l| l.starts_with("| `")) {
        let seps = line.replace("\\|", "").matches('|').count();
        assert_eq!(seps, 5, "{line}");
    }
}

/// Lowers a spec written in a test.
fn lowered(spec: &str) -> Api {
    let options = crate::Options {
        spec_name: "test.yaml".into(),
        crate_name: None,
    };
    crate::lower_spec(spec, &options).expect("test spec lowers")
}

const NAMES_OLD: &str = r##"
openapi: 3.0.3
info: {title: Names, version: "1"}
x-crate: {name: names}
paths:
  /things:
    post:
      operationId: MakeThing
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Thing"}
      responses:
        "200": {description: ok}
components:
  schemas:
    Thing:
      type: object
      properties:
        name: {type: string}
"##;

/// The diff names setters and request types exactly as the emitters spell them: a name starting
/// with a digit gets a `_` prefix as a field and as its builder setter (`_2fa`).
#[test]
fn diff_and_emitters_read_the_same_names() {
    let old = lowered(NAMES_OLD);
    let new = lowered(
        &NAMES_OLD
            .replace(
                "        - {name: limit, in: query, schema: {type: integer}}\n",
                "        - {name: limit, in: query, schema: {type: integer}}\n        - {name: 2fa, in: query, schema: {type: string}}\n",
            )
            .replace(
                "        name: {type: string}\n",
                "        name: {type: string}\n        2fa: {type: string}\n",
            ),
    );
    let files = crate::emit::emit(&new, "test.yaml").expect("emits").files;
    let code: String = files.values().cloned().collect();
    let r = diff(&old, &new);
    let added: Vec<&Change> = r
        .changes
        .iter()
        .filter(|c| matches!(c.kind, Kind::FieldAdded | Kind::ParameterAdded))
        .collect();
    assert_eq!(added.len(), 2, "{:#?}", r.changes);
    for c in added {
        assert!(c.rust_effect.contains("setter `_2fa`"), "{}", c.rust_effect);
    }
    // The setters the report names are the ones generated.
    let thing = new.type_def("Thing").expect("Thing");
    let TypeKind::Struct(s) = &thing.kind else {
        panic!("Thing is a struct")
    };
    let op = &new.operations[0];
    let setters = s
        .fields
        .iter()
        .map(|f| &f.setter)
        .chain(op.params.iter().map(|p| &p.setter));
    for setter in setters {
        assert!(
            code.contains(&format!("pub fn {setter}(")),
            "{setter} not emitted"
        );
    }
    assert!(code.contains(&format!("pub struct {} {{", op.request_type)));
}

/// A constraint the Rust type already implies is no change: validation emits no check for it,
/// and the diff reports none. One inside the type's range is a check, and a change.
#[test]
fn constraints_the_type_implies_are_not_reported() {
    let old = base();
    let emitted = |api: &Api| -> String {
        crate::emit::emit(api, "test.yaml")
            .expect("emits")
            .files
            .values()
            .cloned()
            .collect()
    };
    let bound = |v: i64| {
        Some(Bound {
            value: Num::Int(v),
            exclusive: false,
        })
    };
    // `count` is an i32.
    let mut implied = base();
    let c = &mut field_mut(&mut implied, "TaskBody", "count")
        .shape
        .constraints;
    c.minimum = bound(i32::MIN.into());
    c.maximum = bound(i32::MAX.into());
    c.multiple_of = Some(Num::Int(1));
    assert!(!emitted(&implied).contains("validation::minimum("));
    let r = diff(&old, &implied);
    assert!(r.changes.is_empty(), "{:#?}", r.changes);

    let mut checked = base();
    field_mut(&mut checked, "TaskBody", "count")
        .shape
        .constraints
        .minimum = bound(i64::from(i32::MIN) + 1);
    assert!(emitted(&checked).contains("validation::minimum("));
    let c = only(&old, &checked);
    assert_eq!(
        (c.kind, c.rust),
        (Kind::ConstraintAdded, RustImpact::BreakingBehavior)
    );
    assert!(
        c.rust_effect.starts_with("validation stricter"),
        "{}",
        c.rust_effect
    );
}

#[test]
fn an_array_parameter_style_change_is_wire_breaking() {
    let list = |style| Parameter {
        shape: shape(TypeRef::Array(Box::new(shape(string())))),
        array_style: Some(style),
        ..param("ids", ParamLocation::Query, false)
    };
    let mut old = base();
    old.operations[0].params.push(list(ArrayStyle::Repeated));
    let mut new = base();
    new.operations[0].params.push(list(ArrayStyle::Comma));
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::ParameterStyle, Wire::Breaking, RustImpact::None)
    );
    assert_eq!(c.old.as_deref(), Some(ArrayStyle::Repeated.as_spec()));
    assert_eq!(c.new.as_deref(), Some(ArrayStyle::Comma.as_spec()));
    assert!(diff(&old, &old.clone()).changes.is_empty());
}

#[test]
fn declared_success_response_headers_are_compared_by_name() {
    let header = |ty: TypeRef, required: bool| ResponseHeader {
        wire_name: "X-Total".into(),
        rust_name: "x_total".into(),
        required,
        docs: None,
        shape: shape(ty),
    };
    let with = |h: Option<ResponseHeader>| {
        let mut api = base();
        let r = &mut api.operations[0].responses[0];
        r.headers = h.into_iter().collect();
        r.headers_type = (!r.headers.is_empty()).then(|| "OpResponseHeaders".into());
        api
    };
    let int = || TypeRef::Integer(IntFormat::Int32);
    let none = with(None);
    let required = with(Some(header(int(), true)));
    let optional = with(Some(header(int(), false)));
    let text = with(Some(header(string(), false)));
    for (old, new, wire, rust) in [
        (&none, &required, Wire::Breaking, RustImpact::Additive),
        (&none, &optional, Wire::Compatible, RustImpact::Additive),
        (&optional, &none, Wire::Compatible, RustImpact::Breaking),
        (&optional, &required, Wire::Breaking, RustImpact::Breaking),
        (&required, &optional, Wire::Compatible, RustImpact::Breaking),
        (&optional, &text, Wire::Breaking, RustImpact::Breaking),
    ] {
        let c = only(old, new);
        assert_eq!(
            (c.kind, c.wire, c.rust),
            (Kind::ResponseHeader, wire, rust),
            "{c:#?}"
        );
    }
    // The same header, named in another case, is no change.
    let mut renamed = optional.clone();
    renamed.operations[0].responses[0].headers[0].wire_name = "x-total".into();
    assert!(diff(&optional, &renamed).changes.is_empty());
}

#[test]
fn media_type_and_form_changes_are_wire_breaking() {
    let old = base();
    let mut new = base();
    new.operations[0].responses[0].content_type = Some("application/vnd.task+json".into());
    let c = only(&old, &new);
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::ContentType, Wire::Breaking, RustImpact::Compatible)
    );
    assert!(
        c.summary.contains("application/vnd.task+json"),
        "{}",
        c.summary
    );

    let form = |parts: Vec<FormPart>| {
        let mut api = base();
        let body = api.operations[0].body.as_mut().unwrap();
        body.kind = BodyKind::Multipart(Form {
            rust_name: "OpForm".into(),
            parts,
        });
        body.ty = TypeRef::Any;
        body.content_type = "multipart/form-data".into();
        api
    };
    let part = |name: &str, kind: PartKind, required: bool| FormPart {
        rust_name: name.into(),
        setter: name.into(),
        wire_name: name.into(),
        required,
        docs: None,
        kind,
        content_type: None,
    };
    let file = part("file", PartKind::File { many: false }, true);
    let note = part("note", PartKind::Text(shape(string())), false);
    let old = form(vec![file.clone()]);
    assert!(diff(&old, &form(vec![file.clone()])).changes.is_empty());
    let c = only(&old, &form(vec![file.clone(), note]));
    assert_eq!(
        (c.kind, c.wire, c.rust),
        (Kind::TypeChanged, Wire::Breaking, RustImpact::Breaking)
    );
    assert!(c.summary.contains("note (text String)"), "{}", c.summary);
    let mut png = file.clone();
    png.content_type = Some("image/png".into());
    let c = only(&old, &form(vec![png]));
    assert!(
        c.summary.contains("file (file, image/png, required)"),
        "{}",
        c.summary
    );
}

fn struct_mut<'a>(api: &'a mut Api, name: &str) -> &'a mut StructDef {
    match &mut ty_mut(api, name).kind {
        TypeKind::Struct(s) => s,
        _ => panic!("not a struct"),
    }
}

#[test]
fn map_value_constraints_and_property_counts_are_reported() {
    let mut old = base();
    let map = |max_length: Option<u64>, max_properties: Option<u64>| {
        let value = Shape {
            constraints: Constraints {
                max_length,
                ..Constraints::default()
            },
            ..shape(string())
        };
        let mut f = field("labels", TypeRef::Map(Box::new(value)), false);
        f.shape.constraints.max_properties = max_properties;
        f
    };
    fields_mut(&mut old, "TaskBody").push(map(None, None));
    let mut new = base();
    fields_mut(&mut new, "TaskBody").push(map(Some(8), None));
    let c = only(&old, &new);
    assert_eq!(c.kind, Kind::ConstraintAdded);
    assert_eq!(c.new.as_deref(), Some("maxLength: 8"));
    assert!(c.location.contains("labels.*"), "{}", c.location);

    let mut new = base();
    fields_mut(&mut new, "TaskBody").push(map(None, Some(20)));
    let c = only(&old, &new);
    assert_eq!(c.kind, Kind::ConstraintAdded);
    assert_eq!(c.new.as_deref(), Some("maxProperties: 20"));
    assert_eq!(c.wire, Wire::Breaking);

    // A struct's own property count, and its additional properties appearing.
    let mut new = base();
    struct_mut(&mut new, "TaskBody").min_properties = Some(2);
    let c = only(&base(), &new);
    assert_eq!(c.new.as_deref(), Some("minProperties: 2"));
    let mut new = base();
    struct_mut(&mut new, "TaskBody").additional = Some(Box::new(AdditionalProperties {
        rust_name: "additional_properties".into(),
        value: shape(TypeRef::Any),
    }));
    let c = only(&base(), &new);
    assert_eq!(c.kind, Kind::TypeChanged);
    assert_eq!(c.new.as_deref(), Some("map of serde_json::Value"));
}

#[test]
fn union_alternatives_are_reported() {
    let union = |variants: &[(&str, TypeRef)]| TypeDef {
        rust_name: "Choice".into(),
        wire_name: "Choice".into(),
        origin: "#/components/schemas/Choice".into(),
        docs: None,
        kind: TypeKind::Union(UnionDef {
            keyword: UnionKeyword::OneOf,
            discriminator: None,
            variants: variants
                .iter()
                .map(|(n, ty)| UnionVariant {
                    rust_name: n.to_string(),
                    tags: vec![],
                    shape: shape(ty.clone()),
                    boxed: false,
                })
                .collect(),
        }),
        usage: REQ,
    };
    let with = |t: TypeDef| {
        let mut api = base();
        api.types.push(t);
        api.types.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
        api
    };
    let old = with(union(&[("String", string())]));
    let new = with(union(&[
        ("String", string()),
        ("Integer", TypeRef::Integer(IntFormat::Int64)),
    ]));
    let c = only(&old, &new);
    assert_eq!(c.kind, Kind::TypeChanged);
    assert_eq!(c.new.as_deref(), Some("String | Integer"));
    assert_eq!(c.rust, RustImpact::Breaking);
}

/// The report's change of a kind (exactly one).
fn one_of(r: &Report, kind: Kind) -> Change {
    let v: Vec<&Change> = r.changes.iter().filter(|c| c.kind == kind).collect();
    assert_eq!(v.len(), 1, "expected one {kind:?}, got {:#?}", r.changes);
    v[0].clone()
}

#[test]
fn description_lines_added_removed_and_changed_read_as_such() {
    let mut old = base();
    old.operations[0].description = Some("Creates a task.".into());
    let mut new = old.clone();
    let added = "Tasks run in the background.";
    new.operations[0].description = Some(format!("Creates a task.\n\n{added}"));

    // An added line is an addition, with its text and where it is.
    let r = diff(&old, &new);
    let c = one_of(&r, Kind::Docs);
    assert_eq!(c.summary, "description: 1 line added");
    let md = r.to_markdown();
    assert!(
        md.contains(&format!("description: 1 line added (line 3): \"{added}\"")),
        "{md}"
    );
    assert!(!md.contains("(no line)") && !md.contains("\"\" →"), "{md}");

    // The same line removed.
    let r = diff(&new, &old);
    assert_eq!(
        one_of(&r, Kind::Docs).summary,
        "description: 1 line removed"
    );
    let md = r.to_markdown();
    assert!(md.contains(&format!("\"{added}\"")), "{md}");
    assert!(!md.contains("(no line)"), "{md}");

    // Several lines added in the middle: the first is quoted, the others counted.
    let mut more = old.clone();
    more.operations[0].description = Some("Creates a task.\nOne.\nTwo.\nThree.".into());
    let md = diff(&old, &more).to_markdown();
    assert!(
        md.contains("description: 3 lines added (line 2): \"One.\" and 2 more lines"),
        "{md}"
    );

    // A changed line shows both sides.
    let mut changed = new.clone();
    changed.operations[0].description = Some("Creates a task.\n\nTasks run later.".into());
    let r = diff(&new, &changed);
    assert_eq!(one_of(&r, Kind::Docs).summary, "description changed");
    let md = r.to_markdown();
    assert!(
        md.contains(&format!("(line 3): \"{added}\" → \"Tasks run later.\"")),
        "{md}"
    );
}

#[test]
fn the_unknown_note_of_an_enum_value_goes_only_with_enums_that_are_read() {
    let old = base();
    let value = || EnumVariant {
        rust_name: "Extra".into(),
        value: "extra".into(),
        docs: None,
    };
    for (ty, read) in [("Kind", false), ("State", true)] {
        let mut new = base();
        variants_mut(&mut new, ty).push(value());
        let c = only(&old, &new);
        assert_eq!(c.kind, Kind::EnumValueAdded);
        assert!(c.rust_effect.contains(&format!("`{ty}::Extra`")));
        assert_eq!(
            c.rust_effect.contains("Unknown"),
            read,
            "{ty}: {}",
            c.rust_effect
        );
        // Removed: a request-only enum's value is no longer read as anything either.
        let c = only(&new, &old);
        assert_eq!(c.kind, Kind::EnumValueRemoved);
        assert_eq!(
            c.rust_effect.contains("Unknown"),
            read,
            "{ty}: {}",
            c.rust_effect
        );
    }
    // A type used both ways is read: the note stays.
    let mut old_both = base();
    ty_mut(&mut old_both, "Kind").usage = BOTH;
    let mut new = old_both.clone();
    variants_mut(&mut new, "Kind").push(value());
    assert!(only(&old_both, &new)
        .rust_effect
        .contains("`Kind::Unknown`"));
}

#[test]
fn a_new_parameter_or_field_shows_its_constraints() {
    let old = base();
    let mut new = base();
    let mut p = param("filter", ParamLocation::Query, false);
    p.shape.constraints.min_length = Some(1);
    p.shape.constraints.max_length = Some(64);
    new.operations[0].params.push(p);
    let r = diff(&old, &new);
    let c = one_of(&r, Kind::ParameterAdded);
    assert_eq!(
        c.summary,
        "optional query parameter `filter` added (1 to 64 characters)"
    );
    assert_eq!(
        c.new.as_deref(),
        Some("optional query: String (1 to 64 characters)")
    );
    assert!(r.to_markdown().contains("(1 to 64 characters)"));
    // Removed: the old value keeps them too.
    let c = one_of(&diff(&new, &old), Kind::ParameterRemoved);
    assert_eq!(
        c.old.as_deref(),
        Some("optional query: String (1 to 64 characters)")
    );

    // A field: item counts, bounds and patterns, as validation enforces them.
    let mut new = base();
    let mut ids = field("ids", TypeRef::Array(Box::new(shape(string()))), false);
    ids.shape.constraints.max_items = Some(200);
    let mut rate = field("rate", TypeRef::Integer(IntFormat::Int32), false);
    rate.shape.constraints.minimum = Some(Bound {
        value: Num::Int(0),
        exclusive: false,
    });
    rate.shape.constraints.maximum = Some(Bound {
        value: Num::Int(1000),
        exclusive: false,
    });
    let mut name = field("name", string(), false);
    name.shape.constraints.pattern = Some("^[a-z]+$".into());
    fields_mut(&mut new, "TaskBody").extend([ids, rate, name]);
    let r = diff(&old, &new);
    let summary = |f: &str| {
        r.changes
            .iter()
            .find(|c| c.kind == Kind::FieldAdded && c.location.ends_with(f))
            .map(|c| c.summary.clone())
            .unwrap()
    };
    assert!(
        summary(".ids").ends_with("(at most 200 items)"),
        "{}",
        summary(".ids")
    );
    let rate = summary(".rate");
    assert!(rate.contains("0") && rate.contains("1000"), "{rate}");
    assert!(
        summary(".name").contains("`^[a-z]+$`"),
        "{}",
        summary(".name")
    );
    // No constraints, no parentheses.
    let mut new = base();
    fields_mut(&mut new, "TaskBody").push(field("plain", string(), false));
    let c = one_of(&diff(&old, &new), Kind::FieldAdded);
    assert_eq!(c.summary, "optional property `plain` added");
}
