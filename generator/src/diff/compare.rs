//! The comparison: walks the items `pairing` matched and records a [`Change`] for every
//! difference, with its verdicts from `verdicts` and its words from `wording`. This module
//! decides only what differs and where it is reported (kind, group, location, values).

use super::constraints;
use super::model::{Change, Direction, Group, Kind, RustImpact, Wire};
use super::pairing::{self, TypePairs};
use super::verdicts::{self, Judgement, REQUEST, RESPONSE};
use super::wording::{self as words, Place, Slot, Words};
use crate::ir::{
    AdditionalProperties, Api, AuthKind, AuthScheme, BodyKind, Constraints, EnumVariant, Field,
    Operation, ParamLocation, Parameter, RequiredWhen, ResponseDef, ResponseHeader, ServerVariable,
    Setting, Shape, StructDef, TypeDef, TypeKind, TypeRef, UnionDef, Usage,
};
use serde_json::Value;
use std::collections::BTreeSet;

impl Change {
    fn draft(kind: Kind, group: &Group, location: impl Into<String>) -> Change {
        Change {
            id: String::new(),
            kind,
            group: group.clone(),
            location: location.into(),
            old: None,
            new: None,
            summary: String::new(),
            wire: Wire::None,
            direction: Direction::None,
            wire_note: String::new(),
            rust: RustImpact::None,
            rust_effect: String::new(),
        }
    }

    fn values(mut self, old: Option<String>, new: Option<String>) -> Change {
        self.old = old;
        self.new = new;
        self
    }

    /// The verdicts, folded for the sides `usage` says the location is on, and the words.
    fn judged(mut self, usage: Usage, judgement: Judgement, words: Words) -> Change {
        let (w, d, note) = verdicts::fold(usage, &judgement.wire);
        self.wire = w;
        self.direction = d;
        self.wire_note = note;
        self.rust = judgement.rust;
        self.summary = words.summary;
        self.rust_effect = words.effect;
        self
    }
}

/// The comparison in progress.
pub(super) struct Cx<'a> {
    old: &'a Api,
    new: &'a Api,
    types: TypePairs,
    changes: Vec<Change>,
}

impl<'a> Cx<'a> {
    pub(super) fn new(old: &'a Api, new: &'a Api) -> Self {
        Cx {
            old,
            new,
            types: TypePairs::default(),
            changes: Vec::new(),
        }
    }

    pub(super) fn into_changes(self) -> Vec<Change> {
        self.changes
    }

    fn push(&mut self, c: Change) {
        self.changes.push(c);
    }

    /// Runs every comparison.
    pub(super) fn run(&mut self) {
        let ops = pairing::operations(&self.old.operations, &self.new.operations);
        self.types = TypePairs::new(self.old, self.new, &ops.both);
        self.api_level();
        // Operations on the API's default requirement on both sides: the ones its change affects.
        let on_default: Vec<&str> = ops
            .both
            .iter()
            .filter(|(o, n)| o.security.is_none() && n.security.is_none())
            .map(|(_, n)| n.operation_id.as_str())
            .collect();
        self.default_security(&on_default);
        for (o, n) in &ops.both {
            self.operation(o, n);
        }
        for o in ops.removed {
            self.operation_removed(o);
        }
        for n in ops.added {
            self.operation_added(n);
        }
        self.types();
    }

    // ------------------------------------------------------------------ API level

    fn api_level(&mut self) {
        let (old, new) = (self.old, self.new);
        let g = Group::Api;
        if old.krate.name != new.krate.name {
            self.push(
                Change::draft(Kind::CrateRenamed, &g, "crate")
                    .values(Some(old.krate.name.clone()), Some(new.krate.name.clone()))
                    .judged(
                        REQUEST,
                        verdicts::crate_renamed(),
                        words::crate_renamed(&old.krate.name, &new.krate.name, &old.krate.lib_name),
                    ),
            );
        }
        self.docs(
            &g,
            "crate description",
            old.krate.description.as_deref(),
            new.krate.description.as_deref(),
            Kind::Docs,
        );
        self.docs(
            &g,
            "info.title",
            Some(&old.title),
            Some(&new.title),
            Kind::Info,
        );
        self.docs(
            &g,
            "info.description",
            old.description.as_deref(),
            new.description.as_deref(),
            Kind::Info,
        );
        self.docs(
            &g,
            "info.version",
            Some(&old.api_version),
            Some(&new.api_version),
            Kind::Info,
        );
        self.client();
        self.default_server();
        self.regions();
        self.auth();
    }

    /// `x-client`: the user agent, the endpoint and region variables, settings, error format.
    fn client(&mut self) {
        let (old, new) = (self.old, self.new);
        let g = Group::Api;
        let (co, cn) = (&old.client, &new.client);
        // The default user agent follows the crate's name and version: reported only when the
        // spec sets it on some side (a crate version bump is not a change of the spec).
        let derived = |api: &Api| format!("{}/{}", api.krate.name, api.krate.version);
        if co.user_agent != cn.user_agent
            && (co.user_agent != derived(old) || cn.user_agent != derived(new))
        {
            self.push(
                Change::draft(Kind::UserAgent, &g, "x-client.user-agent")
                    .values(Some(co.user_agent.clone()), Some(cn.user_agent.clone()))
                    .judged(
                        REQUEST,
                        verdicts::user_agent(),
                        words::user_agent(&co.user_agent, &cn.user_agent),
                    ),
            );
        }
        let one = |s: &Option<String>| s.iter().cloned().collect::<Vec<_>>();
        self.env_vars(
            Kind::ClientEnv,
            "x-client.endpoint-env",
            "the environment variable of the endpoint URL",
            "the endpoint URL",
            std::slice::from_ref(&co.endpoint_env),
            std::slice::from_ref(&cn.endpoint_env),
        );
        self.env_vars(
            Kind::ClientEnv,
            "x-client.region-env",
            "the environment variable of the region ID",
            "the region ID",
            &one(&co.region_env),
            &one(&cn.region_env),
        );
        self.settings();
        let e = (&co.errors, &cn.errors);
        let lists = [
            ("code", &e.0.code, &e.1.code),
            ("message", &e.0.message, &e.1.message),
            ("request-id", &e.0.request_id, &e.1.request_id),
            (
                "request-id-headers",
                &e.0.request_id_headers,
                &e.1.request_id_headers,
            ),
        ];
        for (key, a, b) in lists {
            let same = |x: &str, y: &str| {
                if key == "request-id-headers" {
                    x.eq_ignore_ascii_case(y)
                } else {
                    x == y
                }
            };
            let Some(p) = pairing::preferences(a, b, same) else {
                continue;
            };
            self.push(
                Change::draft(Kind::ErrorFormat, &g, format!("x-client.errors.{key}"))
                    .values(Some(a.join(", ")), Some(b.join(", ")))
                    .judged(
                        REQUEST,
                        verdicts::error_format(p.lost()),
                        words::error_format(key, &p),
                    ),
            );
        }
    }

    /// `x-client.settings`, paired by name (the key `x-client-config` uses).
    fn settings(&mut self) {
        let (old, new) = (self.old, self.new);
        let g = Group::Api;
        let settings = pairing::by_key(&old.client.settings, &new.client.settings, |s| {
            s.name.clone()
        });
        let loc = |s: &Setting| format!("x-client.settings.{}", s.name);
        for o in settings.removed {
            self.push(
                Change::draft(Kind::SettingRemoved, &g, loc(o))
                    .values(Some(words::setting_text(o)), None)
                    .judged(
                        REQUEST,
                        verdicts::setting_removed(o.header.is_some()),
                        words::setting_removed(&o.name, &o.method, o.header.as_deref()),
                    ),
            );
        }
        for (o, n) in settings.both {
            let l = loc(o);
            if o.method != n.method {
                self.push(
                    Change::draft(Kind::RustName, &g, l.clone())
                        .values(Some(o.method.clone()), Some(n.method.clone()))
                        .judged(
                            REQUEST,
                            verdicts::rust_name(),
                            words::setting_rust_name(&o.name, &o.method, &n.method),
                        ),
                );
            }
            let (ho, hn) = (o.header.as_deref(), n.header.as_deref());
            let same_header = match (ho, hn) {
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                (a, b) => a == b,
            };
            if !same_header {
                self.push(
                    Change::draft(Kind::SettingChanged, &g, format!("{l}.header"))
                        .values(o.header.clone(), n.header.clone())
                        .judged(
                            REQUEST,
                            verdicts::setting_header(ho.is_some(), hn.is_some()),
                            words::setting_header(&n.name, ho, hn),
                        ),
                );
            }
            self.env_vars(
                Kind::SettingChanged,
                &format!("{l}.env"),
                &format!(
                    "the environment variables of the client setting `{}`",
                    n.name
                ),
                &format!("the setting `{}`", n.name),
                &o.env,
                &n.env,
            );
            self.docs(&g, &l, o.docs.as_deref(), n.docs.as_deref(), Kind::Docs);
        }
        for n in settings.added {
            self.push(
                Change::draft(Kind::SettingAdded, &g, loc(n))
                    .values(None, Some(words::setting_text(n)))
                    .judged(
                        REQUEST,
                        verdicts::setting_added(n.header.is_some()),
                        words::setting_added(&n.name, &n.method, n.header.as_deref()),
                    ),
            );
        }
    }

    /// One list of environment variables the client reads a value from, in order of preference.
    /// `summary_what` names the list in the summary, `subject` what is read from it.
    fn env_vars(
        &mut self,
        kind: Kind,
        loc: &str,
        summary_what: &str,
        subject: &str,
        a: &[String],
        b: &[String],
    ) {
        let Some(p) = pairing::preferences(a, b, |x, y| x == y) else {
            return;
        };
        self.push(
            Change::draft(kind, &Group::Api, loc)
                .values(Some(a.join(", ")), Some(b.join(", ")))
                .judged(
                    REQUEST,
                    verdicts::env_vars(p.lost()),
                    words::env_vars(summary_what, subject, &p),
                ),
        );
    }

    /// The default server: its URL template and its variables (by name).
    fn default_server(&mut self) {
        let (old, new) = (self.old, self.new);
        let g = Group::Api;
        // The client falls back to the default server only when there is no default region.
        let used = old.default_region.is_none() || new.default_region.is_none();
        let (so, sn) = (old.default_server.as_ref(), new.default_server.as_ref());
        let (uo, un) = (so.map(|s| s.url.as_str()), sn.map(|s| s.url.as_str()));
        let loc = "servers (default)";
        if uo != un {
            self.push(
                Change::draft(Kind::DefaultServer, &g, loc)
                    .values(uo.map(str::to_string), un.map(str::to_string))
                    .judged(
                        REQUEST,
                        verdicts::default_server(uo.is_some(), un.is_some(), used),
                        words::default_server(uo, un, used),
                    ),
            );
        }
        let (Some(so), Some(sn)) = (so, sn) else {
            return;
        };
        use verdicts::VariableChange as V;
        let vars = pairing::by_key(&so.variables, &sn.variables, |v| v.name.clone());
        let push = |cx: &mut Self,
                    change: V,
                    loc: String,
                    a: Option<String>,
                    b: Option<String>,
                    name: &str| {
            let words = words::server_variable(name, change, a.as_deref(), b.as_deref(), used);
            cx.push(
                Change::draft(Kind::ServerVariable, &g, loc)
                    .values(a, b)
                    .judged(REQUEST, verdicts::server_variable(change, used), words),
            );
        };
        let vloc = |v: &ServerVariable| format!("{loc}.variables.{}", v.name);
        for o in vars.removed {
            push(
                self,
                V::Removed,
                vloc(o),
                Some(words::variable_text(o)),
                None,
                &o.name,
            );
        }
        for (o, n) in vars.both {
            let l = vloc(o);
            if o.default != n.default {
                push(
                    self,
                    V::Default,
                    format!("{l}.default"),
                    Some(o.default.clone()),
                    Some(n.default.clone()),
                    &n.name,
                );
            }
            // No allowed values: any value goes.
            let set = |v: &ServerVariable| v.allowed.iter().cloned().collect::<BTreeSet<_>>();
            let (ao, an) = (set(o), set(n));
            if ao != an {
                let narrowed = if an.is_empty() {
                    false
                } else {
                    ao.is_empty() || !ao.is_subset(&an)
                };
                push(
                    self,
                    if narrowed { V::Narrowed } else { V::Widened },
                    format!("{l}.enum"),
                    Some(words::allowed_text(&o.allowed)),
                    Some(words::allowed_text(&n.allowed)),
                    &n.name,
                );
            }
            self.docs(
                &g,
                &format!("{l} description"),
                o.docs.as_deref(),
                n.docs.as_deref(),
                Kind::Docs,
            );
        }
        for n in vars.added {
            push(
                self,
                V::Added,
                vloc(n),
                None,
                Some(words::variable_text(n)),
                &n.name,
            );
        }
    }

    /// The root `security`: the requirement of operations that declare none. `users`: the
    /// operations on it on both sides (its change affects only them).
    fn default_security(&mut self, users: &[&str]) {
        let (a, b) = (accepted(&self.old.security), accepted(&self.new.security));
        if a == b {
            return;
        }
        let narrowed = narrowed(&a, &b);
        let (la, lb) = (words::schemes(&a), words::schemes(&b));
        let judgement = if users.is_empty() {
            verdicts::security_unused()
        } else {
            verdicts::security(narrowed)
        };
        self.push(
            Change::draft(Kind::DefaultSecurity, &Group::Api, "security")
                .values(Some(la.clone()), Some(lb.clone()))
                .judged(
                    REQUEST,
                    judgement,
                    words::default_security(&la, &lb, narrowed, users),
                ),
        );
    }

    fn regions(&mut self) {
        let (old, new) = (self.old, self.new);
        let g = Group::Api;
        let regions = pairing::by_key(&old.regions, &new.regions, |r| r.id.clone());
        for o in regions.removed {
            self.push(
                Change::draft(Kind::RegionRemoved, &g, format!("regions.{}", o.id))
                    .values(Some(o.endpoint.clone()), None)
                    .judged(
                        REQUEST,
                        verdicts::region_removed(),
                        words::region_removed(&o.id, &o.rust_name),
                    ),
            );
        }
        for (o, n) in regions.both {
            let loc = format!("regions.{}", o.id);
            if o.endpoint != n.endpoint {
                self.push(
                    Change::draft(Kind::RegionEndpoint, &g, loc.clone())
                        .values(Some(o.endpoint.clone()), Some(n.endpoint.clone()))
                        .judged(
                            REQUEST,
                            verdicts::region_endpoint(),
                            words::region_endpoint(&o.id, &n.rust_name, &o.endpoint, &n.endpoint),
                        ),
                );
            }
            if o.rust_name != n.rust_name {
                self.push(
                    Change::draft(Kind::RustName, &g, loc)
                        .values(Some(o.rust_name.clone()), Some(n.rust_name.clone()))
                        .judged(
                            REQUEST,
                            verdicts::rust_name(),
                            words::region_rust_name(&o.id, &o.rust_name, &n.rust_name),
                        ),
                );
            }
        }
        for n in regions.added {
            self.push(
                Change::draft(Kind::RegionAdded, &g, format!("regions.{}", n.id))
                    .values(None, Some(n.endpoint.clone()))
                    .judged(
                        REQUEST,
                        verdicts::region_added(),
                        words::region_added(&n.id, &n.rust_name, &n.endpoint),
                    ),
            );
        }
        if old.default_region != new.default_region {
            let (a, b) = (old.default_region.as_deref(), new.default_region.as_deref());
            self.push(
                Change::draft(Kind::DefaultRegion, &g, "regions (default)")
                    .values(old.default_region.clone(), new.default_region.clone())
                    .judged(
                        REQUEST,
                        verdicts::default_region(a, b),
                        words::default_region(a, b),
                    ),
            );
        }
    }

    fn auth(&mut self) {
        let (old, new) = (self.old, self.new);
        let g = Group::Api;
        let schemes = pairing::by_key(&old.auth, &new.auth, |a| a.name.clone());
        for o in schemes.removed {
            self.push(
                Change::draft(Kind::AuthRemoved, &g, format!("auth.{}", o.name))
                    .values(Some(words::auth_text(o)), None)
                    .judged(
                        REQUEST,
                        verdicts::auth_removed(),
                        words::auth_removed(&o.name),
                    ),
            );
        }
        for (o, n) in schemes.both {
            self.auth_pair(&format!("auth.{}", o.name), o, n);
        }
        for n in schemes.added {
            self.push(
                Change::draft(Kind::AuthAdded, &g, format!("auth.{}", n.name))
                    .values(None, Some(words::auth_text(n)))
                    .judged(REQUEST, verdicts::auth_added(), words::auth_added(&n.name)),
            );
        }
    }

    fn auth_pair(&mut self, loc: &str, o: &AuthScheme, n: &AuthScheme) {
        let g = Group::Api;
        self.docs(&g, loc, o.docs.as_deref(), n.docs.as_deref(), Kind::Docs);
        match (&o.kind, &n.kind) {
            (
                AuthKind::ApiKey {
                    location: lo,
                    name: ho,
                    constraints: co,
                    ..
                },
                AuthKind::ApiKey {
                    location: ln,
                    name: hn,
                    constraints: cn,
                    ..
                },
            ) => {
                if lo != ln || !ho.eq_ignore_ascii_case(hn) {
                    self.push(
                        Change::draft(Kind::AuthChanged, &g, format!("{loc}.header"))
                            .values(Some(ho.clone()), Some(hn.clone()))
                            .judged(
                                REQUEST,
                                verdicts::token_header(),
                                words::token_header(&o.name, ho, hn),
                            ),
                    );
                }
                // Compared as validated: the effective constraints of a string.
                let token = |api, c: &Constraints| {
                    Shape {
                        ty: TypeRef::String { format: None },
                        nullable: false,
                        constraints: c.clone(),
                    }
                    .effective_constraints(api)
                };
                let (co, cn) = (token(self.old, co), token(self.new, cn));
                let who = words::token_owner(&n.name);
                self.constraints(&g, &format!("{loc} value"), &who, REQUEST, &co, &cn, true);
            }
            (AuthKind::Signing { algorithm: ao, .. }, AuthKind::Signing { algorithm: an, .. }) => {
                if ao != an {
                    self.push(
                        Change::draft(Kind::AuthChanged, &g, format!("{loc}.algorithm"))
                            .values(Some(format!("{ao:?}")), Some(format!("{an:?}")))
                            .judged(
                                REQUEST,
                                verdicts::signing_algorithm(),
                                words::signing_algorithm(&o.name),
                            ),
                    );
                }
            }
            (AuthKind::Bearer { .. }, AuthKind::Bearer { .. })
            | (AuthKind::Basic { .. }, AuthKind::Basic { .. }) => {}
            _ => {
                // The last signing scheme turned into another kind.
                let signing_gone =
                    matches!(o.kind, AuthKind::Signing { .. }) && !self.new.uses_signing();
                self.push(
                    Change::draft(Kind::AuthChanged, &g, loc)
                        .values(Some(words::auth_text(o)), Some(words::auth_text(n)))
                        .judged(
                            REQUEST,
                            verdicts::auth_kind_changed(
                                words::credentials_variant(&o.kind)
                                    == words::credentials_variant(&n.kind),
                                signing_gone,
                            ),
                            words::auth_kind_changed(&o.name, o, n, signing_gone),
                        ),
                );
            }
        }
        // The environment variables of each credential both kinds take (a token stays a token
        // from an API key to a bearer scheme).
        let (eo, en) = (credential_env(&o.kind), credential_env(&n.kind));
        for (name, a) in eo {
            let Some((_, b)) = en.iter().find(|(m, _)| *m == name) else {
                continue;
            };
            self.env_vars(
                Kind::AuthChanged,
                &format!("{loc}.env.{name}"),
                &words::credential_env_what(&o.name, name),
                "credentials",
                a,
                b,
            );
        }
    }

    // ------------------------------------------------------------------ operations

    fn op_group(op: &Operation) -> Group {
        Group::Operation(op.operation_id.clone())
    }

    fn operation_added(&mut self, n: &Operation) {
        let g = Self::op_group(n);
        self.push(
            Change::draft(Kind::OperationAdded, &g, words::endpoint(n))
                .values(None, Some(n.operation_id.clone()))
                .judged(
                    REQUEST,
                    verdicts::operation_added(),
                    words::operation_added(n),
                ),
        );
    }

    fn operation_removed(&mut self, o: &Operation) {
        let g = Self::op_group(o);
        self.push(
            Change::draft(Kind::OperationRemoved, &g, words::endpoint(o))
                .values(Some(o.operation_id.clone()), None)
                .judged(
                    REQUEST,
                    verdicts::operation_removed(),
                    words::operation_removed(o),
                ),
        );
    }

    fn operation(&mut self, o: &'a Operation, n: &'a Operation) {
        let g = Self::op_group(n);
        let id = &n.operation_id;
        if o.operation_id != n.operation_id {
            self.push(
                Change::draft(Kind::OperationRenamed, &g, words::endpoint(n))
                    .values(Some(o.operation_id.clone()), Some(n.operation_id.clone()))
                    .judged(
                        REQUEST,
                        verdicts::operation_renamed(),
                        words::operation_renamed(o, n),
                    ),
            );
        } else if o.rust_name != n.rust_name || o.request_type != n.request_type {
            self.push(
                Change::draft(Kind::RustName, &g, id.clone())
                    .values(Some(o.rust_name.clone()), Some(n.rust_name.clone()))
                    .judged(
                        REQUEST,
                        verdicts::rust_name(),
                        words::operation_rust_name(o, n),
                    ),
            );
        }
        if o.method != n.method
            || pairing::normalized_path(&o.path) != pairing::normalized_path(&n.path)
        {
            self.push(
                Change::draft(Kind::OperationMoved, &g, id.clone())
                    .values(Some(words::endpoint(o)), Some(words::endpoint(n)))
                    .judged(
                        REQUEST,
                        verdicts::operation_moved(),
                        words::operation_moved(o, n),
                    ),
            );
        }
        self.docs(
            &g,
            &format!("{id} summary"),
            o.summary.as_deref(),
            n.summary.as_deref(),
            Kind::Docs,
        );
        self.docs(
            &g,
            &format!("{id} description"),
            o.description.as_deref(),
            n.description.as_deref(),
            Kind::Docs,
        );
        self.security(&g, o, n);
        self.params(&g, o, n);
        self.body(&g, o, n);
        self.responses(&g, o, n);
    }

    fn security(&mut self, g: &Group, o: &Operation, n: &Operation) {
        // Both on the API's default: a change of the default is reported once, under the API.
        if o.security.is_none() && n.security.is_none() {
            return;
        }
        let a = accepted(o.security.as_ref().unwrap_or(&self.old.security));
        let b = accepted(n.security.as_ref().unwrap_or(&self.new.security));
        if a == b {
            return;
        }
        let narrowed = narrowed(&a, &b);
        let (la, lb) = (words::schemes(&a), words::schemes(&b));
        self.push(
            Change::draft(
                Kind::OperationSecurity,
                g,
                format!("{} security", n.operation_id),
            )
            .values(Some(la.clone()), Some(lb.clone()))
            .judged(
                REQUEST,
                verdicts::security(narrowed),
                words::security(&la, &lb, narrowed),
            ),
        );
    }

    fn params(&mut self, g: &Group, o: &'a Operation, n: &'a Operation) {
        let (owner_o, owner_n) = (&o.request_type, &n.request_type);
        let params = pairing::params(&o.params, &n.params);
        for po in params.removed {
            let s = Slot::param(owner_o, po);
            self.push(
                Change::draft(
                    Kind::ParameterRemoved,
                    g,
                    words::param_location(&n.operation_id, po),
                )
                .values(
                    Some(words::param_text(
                        po,
                        &po.shape.effective_constraints(self.old),
                    )),
                    None,
                )
                .judged(
                    REQUEST,
                    verdicts::param_removed(),
                    words::param_removed(po, &s, owner_n),
                ),
            );
        }
        for pn in params.added {
            let s = Slot::param(owner_n, pn);
            let c = pn.shape.effective_constraints(self.new);
            self.push(
                Change::draft(
                    Kind::ParameterAdded,
                    g,
                    words::param_location(&n.operation_id, pn),
                )
                .values(None, Some(words::param_text(pn, &c)))
                .judged(
                    REQUEST,
                    verdicts::param_added(pn.required, s.in_new),
                    words::param_added(pn, &s, &c),
                ),
            );
        }
        for (po, pn) in params.both {
            self.param_pair(g, owner_o, owner_n, &n.operation_id, po, pn);
        }
    }

    fn param_pair(
        &mut self,
        g: &Group,
        owner_o: &str,
        owner_n: &str,
        op: &str,
        po: &Parameter,
        pn: &Parameter,
    ) {
        let loc = words::param_location(op, pn);
        let so = Slot::param(owner_o, po);
        let sn = Slot::param(owner_n, pn);
        if po.wire_name != pn.wire_name && pn.location == ParamLocation::Path {
            // Path parameters are paired by position; header names differing only in case are the
            // same header and need no report.
            self.push(
                Change::draft(Kind::ParameterRenamed, g, loc.clone())
                    .values(Some(po.wire_name.clone()), Some(pn.wire_name.clone()))
                    .judged(
                        REQUEST,
                        verdicts::param_renamed(po.rust_name != pn.rust_name),
                        words::param_renamed(po, pn, &so, &sn),
                    ),
            );
        } else if po.rust_name != pn.rust_name {
            self.rust_renamed(g, &loc, &so, &sn);
        }
        if let (Some(a), Some(b)) = (po.array_style, pn.array_style) {
            if a != b {
                self.push(
                    Change::draft(Kind::ParameterStyle, g, loc.clone())
                        .values(Some(a.as_spec().into()), Some(b.as_spec().into()))
                        .judged(
                            REQUEST,
                            verdicts::param_style(),
                            words::param_style(a.as_spec(), b.as_spec()),
                        ),
                );
            }
        }
        if po.client_config != pn.client_config {
            self.push(
                Change::draft(Kind::ClientConfig, g, loc.clone())
                    .values(po.client_config.clone(), pn.client_config.clone())
                    .judged(
                        REQUEST,
                        verdicts::client_config(Slot::option_changed(&so, &sn)),
                        words::client_config(pn, po, &so, &sn),
                    ),
            );
        }
        self.slot_pair(g, &loc, REQUEST, &so, &sn, true);
        self.example(g, &loc, po.example.as_ref(), pn.example.as_ref());
    }

    fn rust_renamed(&mut self, g: &Group, loc: &str, so: &Slot, sn: &Slot) {
        self.push(
            Change::draft(Kind::RustName, g, loc)
                .values(
                    Some(so.rust_name.to_string()),
                    Some(sn.rust_name.to_string()),
                )
                .judged(
                    REQUEST,
                    verdicts::rust_name(),
                    words::slot_rust_name(so, sn),
                ),
        );
    }

    /// Requiredness, nullability, shape, default and docs of a field or parameter.
    fn slot_pair(
        &mut self,
        g: &Group,
        loc: &str,
        usage: Usage,
        o: &Slot,
        n: &Slot,
        validated: bool,
    ) {
        let option_changed = Slot::option_changed(o, n);
        if o.required != n.required {
            let (a, b) = if o.required {
                (Kind::RequiredToOptional, ("required", "optional"))
            } else {
                (Kind::OptionalToRequired, ("optional", "required"))
            };
            self.push(
                Change::draft(a, g, loc)
                    .values(Some(b.0.into()), Some(b.1.into()))
                    .judged(
                        usage,
                        verdicts::required(n.required, option_changed),
                        words::required(n.required, o, n),
                    ),
            );
        }
        if o.shape.nullable != n.shape.nullable {
            self.push(
                Change::draft(Kind::Nullable, g, loc)
                    .values(
                        Some(words::nullable_value(o.shape.nullable)),
                        Some(words::nullable_value(n.shape.nullable)),
                    )
                    .judged(
                        usage,
                        verdicts::nullable(n.shape.nullable, option_changed),
                        words::nullable(n.shape.nullable, o, n),
                    ),
            );
        }
        let place = Place {
            path: n.path(),
            old_ty: o.ty(),
            new_ty: n.ty(),
            items: false,
        };
        self.shape(g, loc, usage, o.shape, n.shape, &place, validated);
        self.default(g, loc, usage, o.default, n.default);
        self.docs(g, &format!("{loc} description"), o.docs, n.docs, Kind::Docs);
    }

    fn body(&mut self, g: &Group, o: &Operation, n: &Operation) {
        let op = &n.operation_id;
        let loc = format!("{op} body");
        let owner = &n.request_type;
        match (&o.body, &n.body) {
            (None, None) => {}
            (None, Some(b)) => {
                let t = words::rust_ty(&b.ty);
                self.push(
                    Change::draft(Kind::BodyAdded, g, loc)
                        .values(None, Some(t.clone()))
                        .judged(
                            REQUEST,
                            verdicts::body_added(b.required),
                            words::body_added(owner, &b.rust_name, &b.setter, &t, b.required),
                        ),
                );
            }
            (Some(b), None) => {
                let t = words::rust_ty(&b.ty);
                self.push(
                    Change::draft(Kind::BodyRemoved, g, loc)
                        .values(Some(t.clone()), None)
                        .judged(
                            REQUEST,
                            verdicts::body_removed(),
                            words::body_removed(owner, &b.rust_name, &t),
                        ),
                );
            }
            (Some(a), Some(b)) => {
                let shape = |b: &crate::ir::RequestBody| Shape {
                    ty: b.ty.clone(),
                    nullable: false,
                    constraints: b.constraints.clone(),
                };
                let (bo, bn) = (shape(a), shape(b));
                let so = Slot {
                    owner,
                    rust_name: &a.rust_name,
                    setter: &a.setter,
                    required: a.required,
                    is_option: !a.required,
                    in_new: a.required,
                    shape: &bo,
                    default: None,
                    docs: a.docs.as_deref(),
                };
                let sn = Slot {
                    owner,
                    rust_name: &b.rust_name,
                    setter: &b.setter,
                    required: b.required,
                    is_option: !b.required,
                    in_new: b.required,
                    shape: &bn,
                    default: None,
                    docs: b.docs.as_deref(),
                };
                self.slot_pair(g, &loc, REQUEST, &so, &sn, true);
                if a.content_type != b.content_type {
                    self.push(
                        Change::draft(Kind::ContentType, g, loc.clone())
                            .values(Some(a.content_type.clone()), Some(b.content_type.clone()))
                            .judged(
                                REQUEST,
                                verdicts::content_type(),
                                words::content_type(&a.content_type, &b.content_type),
                            ),
                    );
                }
                if let (BodyKind::Multipart(fa), BodyKind::Multipart(fb)) = (&a.kind, &b.kind) {
                    let (po, pn) = (words::form_parts(fa), words::form_parts(fb));
                    if po != pn {
                        self.push(
                            Change::draft(Kind::TypeChanged, g, format!("{loc} form"))
                                .values(Some(po.clone()), Some(pn.clone()))
                                .judged(
                                    REQUEST,
                                    verdicts::form_parts(),
                                    words::form_changed(&fa.rust_name, &po, &pn),
                                ),
                        );
                    }
                }
                self.example(g, &loc, a.example.as_ref(), b.example.as_ref());
            }
        }
    }

    /// The declared headers of the success responses, paired by name (case-insensitive).
    fn response_headers(
        &mut self,
        g: &Group,
        op: &str,
        o: Option<&ResponseDef>,
        n: Option<&ResponseDef>,
    ) {
        let ho: &[ResponseHeader] = o.map_or(&[], |r| &r.headers);
        let hn: &[ResponseHeader] = n.map_or(&[], |r| &r.headers);
        let text = |h: &ResponseHeader| {
            format!(
                "{}{}",
                if h.required { "required " } else { "optional " },
                words::rust_ty(&h.shape.ty)
            )
        };
        fn find<'h>(list: &'h [ResponseHeader], name: &str) -> Option<&'h ResponseHeader> {
            list.iter().find(|h| h.wire_name.eq_ignore_ascii_case(name))
        }
        let mut names: Vec<&str> = ho.iter().chain(hn).map(|h| h.wire_name.as_str()).collect();
        names.sort_by_key(|n| n.to_ascii_lowercase());
        names.dedup_by_key(|n| n.to_ascii_lowercase());
        for name in names {
            let (a, b) = (find(ho, name), find(hn, name));
            let same = match (a, b) {
                (Some(x), Some(y)) => self.types.same_ty(&x.shape.ty, &y.shape.ty),
                _ => true,
            };
            if let (Some(x), Some(y)) = (a, b) {
                if same && x.required == y.required {
                    continue;
                }
            }
            let (ta, tb) = (a.map(text), b.map(text));
            self.push(
                Change::draft(
                    Kind::ResponseHeader,
                    g,
                    format!("{op} success response header {name}"),
                )
                .values(ta.clone(), tb.clone())
                .judged(
                    RESPONSE,
                    verdicts::response_header(
                        a.map(|h| (h.required, same)),
                        b.map(|h| (h.required, same)),
                    ),
                    words::response_header(name, ta.as_deref(), tb.as_deref()),
                ),
            );
        }
    }

    fn responses(&mut self, g: &Group, o: &Operation, n: &Operation) {
        let op = &n.operation_id;
        let success_o = o.success.and_then(|i| o.responses.get(i));
        let success_n = n.success.and_then(|i| n.responses.get(i));
        let so = success_o.map(|r| words::status(r.status));
        let sn = success_n.map(|r| words::status(r.status));
        if so != sn {
            self.push(
                Change::draft(Kind::SuccessStatus, g, format!("{op} success response"))
                    .values(so.clone(), sn.clone())
                    .judged(
                        RESPONSE,
                        verdicts::success_status(),
                        words::success_status(&n.rust_name, &so, &sn),
                    ),
            );
        }
        // The method's return type: the success response's body, compared even across statuses.
        let body_o = success_o.and_then(|r| r.body.as_ref());
        let body_n = success_n.and_then(|r| r.body.as_ref());
        let returns_changed = match (body_o, body_n) {
            (None, None) => false,
            (Some(a), Some(b)) => !self.types.same_ty(a, b),
            _ => true,
        };
        // What the method returns, for a response that changes it.
        let returns = |status: Option<u16>| {
            let is_success = success_n.is_some_and(|s| s.status == status);
            (is_success && returns_changed).then_some((n.rust_name.as_str(), body_o, body_n))
        };
        self.response_headers(g, op, success_o, success_n);
        let responses = pairing::by_key(&o.responses, &n.responses, |r| r.status);
        for ro in responses.removed {
            let loc = format!("{op} response {}", words::status(ro.status));
            self.push(
                Change::draft(Kind::ResponseRemoved, g, loc)
                    .values(Some(ro.description.clone()), None)
                    .judged(
                        RESPONSE,
                        verdicts::response_removed(),
                        words::response_removed(ro.status),
                    ),
            );
        }
        for (ro, rn) in responses.both {
            let loc = format!("{op} response {}", words::status(ro.status));
            self.docs(
                g,
                &format!("{loc} description"),
                Some(&ro.description),
                Some(&rn.description),
                Kind::Docs,
            );
            self.example(g, &loc, ro.example.as_ref(), rn.example.as_ref());
            if let (Some(ca), Some(cb)) = (&ro.content_type, &rn.content_type) {
                if ca != cb {
                    self.push(
                        Change::draft(Kind::ContentType, g, format!("{loc} media type"))
                            .values(Some(ca.clone()), Some(cb.clone()))
                            .judged(
                                RESPONSE,
                                verdicts::response_content_type(
                                    ro.kind.as_ref().map(BodyKind::as_str)
                                        != rn.kind.as_ref().map(BodyKind::as_str),
                                ),
                                words::response_content_type(rn.status, ca, cb),
                            ),
                    );
                }
            }
            let (a, b) = (ro.body.as_ref(), rn.body.as_ref());
            let differs = match (a, b) {
                (None, None) => false,
                (Some(x), Some(y)) => !self.types.same_ty(x, y),
                _ => true,
            };
            if !differs {
                continue;
            }
            let returns = returns(rn.status);
            self.push(
                Change::draft(Kind::TypeChanged, g, format!("{loc} body"))
                    .values(a.map(words::rust_ty), b.map(words::rust_ty))
                    .judged(
                        RESPONSE,
                        verdicts::response_body(a.is_some(), b.is_some(), returns.is_some()),
                        words::response_body(rn.status, a, b, returns),
                    ),
            );
        }
        for rn in responses.added {
            let loc = format!("{op} response {}", words::status(rn.status));
            let returns = returns(rn.status);
            self.push(
                Change::draft(Kind::ResponseAdded, g, loc)
                    .values(None, Some(rn.description.clone()))
                    .judged(
                        RESPONSE,
                        verdicts::response_added(returns.is_some()),
                        words::response_added(rn.status, returns),
                    ),
            );
        }
    }

    // ------------------------------------------------------------------ shapes

    /// Type, format, item and constraint changes of one value. `place` names it in Rust;
    /// `validated`: the generated crate checks it before sending (request side).
    #[allow(clippy::too_many_arguments)]
    fn shape(
        &mut self,
        g: &Group,
        loc: &str,
        usage: Usage,
        a: &Shape,
        b: &Shape,
        place: &Place,
        validated: bool,
    ) {
        match (&a.ty, &b.ty) {
            (TypeRef::Array(x), TypeRef::Array(y)) => {
                let item_loc = format!("{loc}[]");
                if x.nullable != y.nullable {
                    self.push(
                        Change::draft(Kind::Nullable, g, item_loc.clone())
                            .values(
                                Some(words::nullable_value(x.nullable)),
                                Some(words::nullable_value(y.nullable)),
                            )
                            .judged(
                                usage,
                                verdicts::items_nullable(y.nullable, place.ty_change().is_some()),
                                words::items_nullable(y.nullable, place),
                            ),
                    );
                }
                let items = Place {
                    items: true,
                    ..place.clone()
                };
                self.shape(g, &item_loc, usage, x, y, &items, validated);
            }
            (TypeRef::Map(x), TypeRef::Map(y)) if self.types.same_ty(&x.ty, &y.ty) => {
                let values = Place {
                    items: true,
                    ..place.clone()
                };
                self.shape(g, &format!("{loc}.*"), usage, x, y, &values, validated);
            }
            (TypeRef::String { format: fa }, TypeRef::String { format: fb }) if fa != fb => {
                self.push(
                    Change::draft(Kind::Format, g, loc)
                        .values(words::format_value(fa), words::format_value(fb))
                        .judged(
                            usage,
                            verdicts::format(fa.as_deref(), fb.as_deref()),
                            words::format(fa.as_deref(), fb.as_deref(), place),
                        ),
                );
            }
            (x, y) if !self.types.same_ty(x, y) => {
                self.push(
                    Change::draft(Kind::TypeChanged, g, loc)
                        .values(Some(words::rust_ty(x)), Some(words::rust_ty(y)))
                        .judged(
                            usage,
                            verdicts::type_change(x, y, place.ty_change().is_some()),
                            words::type_change(x, y, place),
                        ),
                );
            }
            _ => {}
        }
        // Only constraints that do something are compared: the ones validation checks.
        self.constraints(
            g,
            loc,
            &place.name(),
            usage,
            &a.effective_constraints(self.old),
            &b.effective_constraints(self.new),
            validated && usage.request,
        );
    }

    /// Constraint keywords. `validated`: the generated crate checks this location before sending.
    #[allow(clippy::too_many_arguments)]
    fn constraints(
        &mut self,
        g: &Group,
        loc: &str,
        rust_loc: &str,
        usage: Usage,
        a: &Constraints,
        b: &Constraints,
        validated: bool,
    ) {
        for k in constraints::compare(a, b) {
            self.push(
                Change::draft(k.kind, g, loc)
                    .values(k.old.clone(), k.new.clone())
                    .judged(
                        usage,
                        verdicts::constraint(k.class, validated),
                        words::constraint(&k, rust_loc, validated),
                    ),
            );
        }
    }

    fn default(
        &mut self,
        g: &Group,
        loc: &str,
        usage: Usage,
        a: Option<&Value>,
        b: Option<&Value>,
    ) {
        if a == b {
            return;
        }
        let (ja, jb) = (a.map(words::json), b.map(words::json));
        let words = words::default(ja.as_deref(), jb.as_deref());
        let judgement = verdicts::default(ja.is_some(), jb.is_some());
        self.push(
            Change::draft(Kind::Default, g, loc)
                .values(ja, jb)
                .judged(usage, judgement, words),
        );
    }

    /// An example change at `loc`.
    fn example(&mut self, g: &Group, loc: &str, a: Option<&Value>, b: Option<&Value>) {
        let (a, b) = (a.map(words::json), b.map(words::json));
        self.docs(
            g,
            &format!("{loc} example"),
            a.as_deref(),
            b.as_deref(),
            Kind::Example,
        );
    }

    /// A documentation-only change, if the texts differ.
    fn docs(&mut self, g: &Group, loc: &str, a: Option<&str>, b: Option<&str>, kind: Kind) {
        let norm = |s: Option<&str>| {
            s.map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let (a, b) = (norm(a), norm(b));
        if a == b {
            return;
        }
        let words = words::docs(kind, loc, a.as_deref(), b.as_deref());
        self.push(Change::draft(kind, g, loc).values(a, b).judged(
            REQUEST,
            verdicts::docs(),
            words,
        ));
    }

    // ------------------------------------------------------------------ types

    fn types(&mut self) {
        let (old, new) = (self.old, self.new);
        for o in &old.types {
            match self
                .types
                .head_of(&o.rust_name)
                .and_then(|n| new.type_def(n))
            {
                Some(n) => self.type_pair(o, n),
                None => {
                    let g = Group::Type(o.rust_name.clone());
                    self.push(
                        Change::draft(Kind::TypeRemoved, &g, o.rust_name.clone())
                            .values(Some(words::type_kind_name(&o.kind).into()), None)
                            .judged(
                                REQUEST,
                                verdicts::type_added_or_removed(false),
                                words::type_removed(&o.rust_name, &o.wire_name),
                            ),
                    );
                }
            }
        }
        for n in &new.types {
            if self.types.has_base(&n.rust_name) {
                continue;
            }
            let g = Group::Type(n.rust_name.clone());
            self.push(
                Change::draft(Kind::TypeAdded, &g, n.rust_name.clone())
                    .values(None, Some(words::type_kind_name(&n.kind).into()))
                    .judged(
                        REQUEST,
                        verdicts::type_added_or_removed(true),
                        words::type_added(&n.rust_name, &n.wire_name),
                    ),
            );
        }
    }

    fn type_pair(&mut self, o: &TypeDef, n: &TypeDef) {
        let g = Group::Type(n.rust_name.clone());
        let name = &n.rust_name;
        let usage = verdicts::effective(Usage {
            request: o.usage.request || n.usage.request,
            response: o.usage.response || n.usage.response,
        });
        if o.rust_name != n.rust_name {
            self.push(
                Change::draft(Kind::TypeRenamed, &g, name.clone())
                    .values(Some(o.rust_name.clone()), Some(n.rust_name.clone()))
                    .judged(
                        usage,
                        verdicts::type_renamed(),
                        words::type_renamed(&o.rust_name, &n.rust_name),
                    ),
            );
        }
        self.docs(
            &g,
            &format!("{name} description"),
            o.docs.as_deref(),
            n.docs.as_deref(),
            Kind::Docs,
        );
        match (&o.kind, &n.kind) {
            (TypeKind::Struct(a), TypeKind::Struct(b)) => {
                self.fields(&g, name, usage, &a.fields, &b.fields);
                self.rules(&g, name, usage, &a.rules, &b.rules);
                self.struct_extras(&g, name, usage, a, b);
            }
            (TypeKind::Union(a), TypeKind::Union(b)) => self.union_pair(&g, name, usage, a, b),
            (TypeKind::StringEnum(a), TypeKind::StringEnum(b)) => {
                self.variants(&g, name, usage, &a.variants, &b.variants, |s| s.clone());
            }
            (TypeKind::IntEnum(a), TypeKind::IntEnum(b)) => {
                if a.format != b.format {
                    let s = |f| Shape {
                        ty: TypeRef::Integer(f),
                        nullable: false,
                        constraints: Default::default(),
                    };
                    // The wire type of the values changes; in Rust an integer enum's values are
                    // `i64` whatever the format (`value() -> i64`, `Unknown(i64)`).
                    let (sa, sb) = (s(a.format), s(b.format));
                    let place = Place {
                        path: format!("{name}::value()"),
                        old_ty: "i64".into(),
                        new_ty: "i64".into(),
                        items: false,
                    };
                    self.shape(&g, name, usage, &sa, &sb, &place, false);
                }
                self.variants(&g, name, usage, &a.variants, &b.variants, |i| i.to_string());
            }
            _ => self.push(
                Change::draft(Kind::TypeKindChanged, &g, name.clone())
                    .values(
                        Some(words::type_kind_name(&o.kind).into()),
                        Some(words::type_kind_name(&n.kind).into()),
                    )
                    .judged(
                        usage,
                        verdicts::type_kind_changed(),
                        words::type_kind_changed(name, &o.kind, &n.kind),
                    ),
            ),
        }
    }

    /// A struct's property counts (`minProperties`/`maxProperties`) and additional properties.
    fn struct_extras(&mut self, g: &Group, name: &str, usage: Usage, a: &StructDef, b: &StructDef) {
        let counts = |s: &StructDef| Constraints {
            min_properties: s.min_properties.filter(|&n| n > 0),
            max_properties: s.max_properties,
            ..Constraints::default()
        };
        self.constraints(
            g,
            name,
            &format!("`{name}`"),
            usage,
            &counts(a),
            &counts(b),
            usage.request,
        );
        let loc = format!("{name}.additionalProperties");
        match (&a.additional, &b.additional) {
            (Some(x), Some(y)) => {
                let place = Place {
                    path: format!("{name}::{}", y.rust_name),
                    old_ty: words::shape_ty(&x.value),
                    new_ty: words::shape_ty(&y.value),
                    items: true,
                };
                self.shape(g, &loc, usage, &x.value, &y.value, &place, true);
            }
            (None, None) => {}
            (x, y) => {
                let show = |s: Option<&AdditionalProperties>| {
                    s.map_or("none".to_string(), |s| {
                        format!("map of {}", words::shape_ty(&s.value))
                    })
                };
                let effect = match y {
                    Some(y) => format!("field `{name}::{}` added", y.rust_name),
                    None => "the map field of additional properties removed".to_string(),
                };
                self.push(
                    Change::draft(Kind::TypeChanged, g, loc)
                        .values(Some(show(x.as_deref())), Some(show(y.as_deref())))
                        .judged(
                            usage,
                            verdicts::type_kind_changed(),
                            words::shape_of_type_changed("additionalProperties changed", effect),
                        ),
                );
            }
        }
    }

    /// A union's alternatives: added, removed or retagged alternatives change the enum; the
    /// alternatives both sides have are compared as values.
    fn union_pair(&mut self, g: &Group, name: &str, usage: Usage, a: &UnionDef, b: &UnionDef) {
        let sig = |u: &UnionDef| {
            let variants: Vec<String> = u
                .variants
                .iter()
                .map(|v| {
                    if v.tags.is_empty() {
                        v.rust_name.clone()
                    } else {
                        format!("{} ({})", v.rust_name, v.tags.join(", "))
                    }
                })
                .collect();
            match &u.discriminator {
                Some(d) => format!("by {d}: {}", variants.join(" | ")),
                None => variants.join(" | "),
            }
        };
        let (sa, sb) = (sig(a), sig(b));
        if sa != sb {
            self.push(
                Change::draft(Kind::TypeChanged, g, name.to_string())
                    .values(Some(sa), Some(sb.clone()))
                    .judged(
                        usage,
                        verdicts::type_kind_changed(),
                        words::shape_of_type_changed(
                            "the alternatives changed",
                            format!("the variants of `{name}` are now {sb}"),
                        ),
                    ),
            );
        }
        for x in &a.variants {
            if let Some(y) = b.variants.iter().find(|y| y.rust_name == x.rust_name) {
                let place = Place {
                    path: format!("{name}::{}", y.rust_name),
                    old_ty: words::shape_ty(&x.shape),
                    new_ty: words::shape_ty(&y.shape),
                    items: false,
                };
                let loc = format!("{name}.{}", y.rust_name);
                self.shape(g, &loc, usage, &x.shape, &y.shape, &place, true);
            }
        }
    }

    fn fields(&mut self, g: &Group, name: &str, usage: Usage, a: &[Field], b: &[Field]) {
        let fields = pairing::by_key(a, b, |f| f.wire_name.clone());
        for (fo, fnew) in fields.both {
            let loc = format!("{name}.{}", fo.wire_name);
            let so = Slot::field(name, fo);
            let sn = Slot::field(name, fnew);
            if fo.rust_name != fnew.rust_name {
                self.rust_renamed(g, &loc, &so, &sn);
            }
            self.slot_pair(g, &loc, usage, &so, &sn, true);
        }
        for fo in fields.removed {
            let s = Slot::field(name, fo);
            self.push(
                Change::draft(Kind::FieldRemoved, g, format!("{name}.{}", fo.wire_name))
                    .values(
                        Some(words::field_text(
                            fo,
                            &fo.shape.effective_constraints(self.old),
                        )),
                        None,
                    )
                    .judged(
                        usage,
                        verdicts::field_removed(),
                        words::field_removed(name, fo, &s),
                    ),
            );
        }
        for fnew in fields.added {
            let s = Slot::field(name, fnew);
            let c = fnew.shape.effective_constraints(self.new);
            self.push(
                Change::draft(Kind::FieldAdded, g, format!("{name}.{}", fnew.wire_name))
                    .values(None, Some(words::field_text(fnew, &c)))
                    .judged(
                        usage,
                        verdicts::field_added(fnew.required, s.in_new),
                        words::field_added(name, fnew, &s, &c),
                    ),
            );
        }
    }

    fn rules(
        &mut self,
        g: &Group,
        name: &str,
        usage: Usage,
        a: &[RequiredWhen],
        b: &[RequiredWhen],
    ) {
        let loc = format!("{name} rules");
        let validated = usage.request;
        let rules = pairing::by_key(a, b, |r| words::condition(&r.when));
        for ro in rules.removed {
            self.push(
                Change::draft(Kind::RuleRemoved, g, loc.clone())
                    .values(Some(words::rule_text(ro)), None)
                    .judged(
                        usage,
                        verdicts::rule_removed(validated),
                        words::rule_removed(name, ro, validated),
                    ),
            );
        }
        for (ro, rn) in rules.both {
            let set = |r: &RequiredWhen| {
                r.require
                    .iter()
                    .map(|f| f.wire_name.clone())
                    .collect::<BTreeSet<_>>()
            };
            let (so, sn) = (set(ro), set(rn));
            if so != sn {
                let class = verdicts::rule_class(&so, &sn);
                let looser = class == constraints::Class::Looser;
                self.push(
                    Change::draft(Kind::RuleChanged, g, loc.clone())
                        .values(Some(words::rule_text(ro)), Some(words::rule_text(rn)))
                        .judged(
                            usage,
                            verdicts::rule_changed(class, validated),
                            words::rule_changed(name, ro, rn, looser, validated),
                        ),
                );
            }
            self.docs(
                g,
                &format!("{loc} ({}) description", words::condition(&rn.when)),
                ro.description.as_deref(),
                rn.description.as_deref(),
                Kind::Docs,
            );
        }
        for rn in rules.added {
            self.push(
                Change::draft(Kind::RuleAdded, g, loc.clone())
                    .values(None, Some(words::rule_text(rn)))
                    .judged(
                        usage,
                        verdicts::rule_added(validated),
                        words::rule_added(name, rn, validated),
                    ),
            );
        }
    }

    fn variants<T: PartialEq + Clone>(
        &mut self,
        g: &Group,
        name: &str,
        usage: Usage,
        a: &[EnumVariant<T>],
        b: &[EnumVariant<T>],
        show: impl Fn(&T) -> String,
    ) {
        let variants = pairing::by_key(a, b, |x| x.value.clone());
        for vo in variants.removed {
            let value = show(&vo.value);
            self.push(
                Change::draft(Kind::EnumValueRemoved, g, name)
                    .values(Some(value.clone()), None)
                    .judged(
                        usage,
                        verdicts::enum_value_removed(),
                        words::enum_value_removed(name, &value, &vo.rust_name, usage.response),
                    ),
            );
        }
        for (vo, vn) in variants.both {
            let loc = format!("{name} = {}", show(&vo.value));
            if vo.rust_name != vn.rust_name {
                self.push(
                    Change::draft(Kind::RustName, g, loc.clone())
                        .values(Some(vo.rust_name.clone()), Some(vn.rust_name.clone()))
                        .judged(
                            usage,
                            verdicts::rust_name(),
                            words::variant_rust_name(name, &vo.rust_name, &vn.rust_name),
                        ),
                );
            }
            self.docs(
                g,
                &format!("{loc} description"),
                vo.docs.as_deref(),
                vn.docs.as_deref(),
                Kind::Docs,
            );
        }
        for vn in variants.added {
            let value = show(&vn.value);
            self.push(
                Change::draft(Kind::EnumValueAdded, g, name)
                    .values(None, Some(value.clone()))
                    .judged(
                        usage,
                        verdicts::enum_value_added(),
                        words::enum_value_added(name, &value, &vn.rust_name, usage.response),
                    ),
            );
        }
    }
}

/// The ways a security requirement accepts, one text per alternative: scheme names joined by
/// ` + `, `(none)` for an alternative that needs no authentication. No alternatives at all
/// (`security` absent or empty) means no authentication is required, as in OpenAPI.
fn accepted(requirement: &[Vec<String>]) -> BTreeSet<String> {
    if requirement.is_empty() {
        return BTreeSet::from([NO_AUTH.to_string()]);
    }
    requirement
        .iter()
        .map(|alternative| {
            if alternative.is_empty() {
                NO_AUTH.to_string()
            } else {
                alternative.join(" + ")
            }
        })
        .collect()
}

/// An alternative that needs no authentication.
const NO_AUTH: &str = "(none)";

/// Whether some request accepted under `old` may be refused under `new`: a way to authenticate
/// is gone, unless requests may now go without authentication (which accepts them all).
fn narrowed(old: &BTreeSet<String>, new: &BTreeSet<String>) -> bool {
    !new.contains(NO_AUTH) && old.difference(new).next().is_some()
}

/// The environment variables of each credential a scheme takes, by the credential's name in
/// `x-credential-env`.
fn credential_env(kind: &AuthKind) -> Vec<(&'static str, &[String])> {
    match kind {
        AuthKind::ApiKey { env, .. } | AuthKind::Bearer { env } => vec![("token", env)],
        AuthKind::Basic {
            username_env,
            password_env,
        } => vec![("username", username_env), ("password", password_env)],
        AuthKind::Signing { env, .. } => vec![
            ("access_key", &env.access_key),
            ("secret_key", &env.secret_key),
            ("security_token", &env.security_token),
        ],
    }
}
