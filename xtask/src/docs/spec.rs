//! The spec side of a check: the lowered IR (what the spec means) and the YAML document (where
//! each thing is written, and the `x-doc-decisions` recorded there).

use anyhow::{anyhow, bail, Result};
use generator::ir;
use serde_yaml::Value;

/// The extension that records a decided difference between a page and the spec.
pub const DECISIONS: &str = "x-doc-decisions";

/// A loaded spec.
pub struct Spec {
    /// How the spec is named in messages.
    pub name: String,
    /// The YAML document.
    pub doc: Value,
    /// The lowered IR.
    pub api: ir::Api,
}

/// A recorded decision (one entry of `x-doc-decisions`).
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The finding kind it decides.
    pub kind: String,
    /// The page row it is about (parameter or field name), when given.
    pub name: Option<String>,
    /// The page text it was decided against, when given: a different text is a new finding.
    pub page: Option<String>,
    /// Why.
    pub reason: String,
}

/// Escapes one JSON pointer token.
pub fn esc(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn unesc(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

impl Spec {
    /// Reads and lowers a spec, and checks the shape of every `x-doc-decisions`.
    pub fn load(name: &str, text: &str) -> Result<Spec> {
        let options = generator::Options {
            spec_name: name.to_string(),
            crate_name: None,
        };
        let api = generator::lower_spec(text, &options).map_err(|e| anyhow!("{e}"))?;
        let doc: Value = serde_yaml::from_str(text).map_err(|e| anyhow!("{name}: {e}"))?;
        let spec = Spec {
            name: name.to_string(),
            doc,
            api,
        };
        spec.check_decisions(&spec.doc, "#")?;
        Ok(spec)
    }

    /// The node at a JSON pointer (`#/components/schemas/X`).
    pub fn node(&self, pointer: &str) -> Option<&Value> {
        let mut v = &self.doc;
        let rest = pointer.strip_prefix('#').unwrap_or(pointer);
        for token in rest.split('/').skip(1) {
            let t = unesc(token);
            v = match v {
                Value::Mapping(m) => m
                    .get(Value::String(t.clone()))
                    .or_else(|| t.parse::<u64>().ok().and_then(|n| m.get(Value::from(n))))?,
                Value::Sequence(s) => s.get(t.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(v)
    }

    /// Follows `$ref`s from a pointer: the pointer of the node that holds the content.
    pub fn resolve(&self, pointer: &str) -> String {
        let mut p = pointer.to_string();
        for _ in 0..16 {
            match self
                .node(&p)
                .and_then(|n| n.get("$ref"))
                .and_then(Value::as_str)
            {
                Some(r) if r.starts_with('#') => p = r.to_string(),
                _ => break,
            }
        }
        p
    }

    /// The decisions recorded at a node.
    pub fn decisions(&self, pointer: &str) -> Vec<Decision> {
        let Some(Value::Sequence(list)) = self.node(pointer).and_then(|n| n.get(DECISIONS)) else {
            return Vec::new();
        };
        list.iter()
            .filter_map(|d| {
                Some(Decision {
                    kind: d.get("kind")?.as_str()?.to_string(),
                    name: d.get("name").and_then(scalar),
                    page: d.get("page").and_then(scalar),
                    reason: d.get("reason")?.as_str()?.to_string(),
                })
            })
            .collect()
    }

    fn check_decisions(&self, v: &Value, at: &str) -> Result<()> {
        match v {
            Value::Mapping(m) => {
                for (k, child) in m {
                    let key = match k {
                        Value::String(s) => s.clone(),
                        other => scalar(other).unwrap_or_default(),
                    };
                    let here = format!("{at}/{}", esc(&key));
                    if key == DECISIONS {
                        check_decision_list(&self.name, &here, child)?;
                    } else {
                        self.check_decisions(child, &here)?;
                    }
                }
            }
            Value::Sequence(s) => {
                for (i, child) in s.iter().enumerate() {
                    self.check_decisions(child, &format!("{at}/{i}"))?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The pointer of parameter `name` in `location` of the operation at `op_pointer`, `$ref`s
    /// followed; operation-level parameters before path-level ones.
    pub fn parameter_pointer(&self, op: &ir::Operation, p: &ir::Parameter) -> Option<String> {
        let path_item = op.origin.rsplit_once('/').map(|(a, _)| a.to_string())?;
        for base in [op.origin.clone(), path_item] {
            let list = format!("{base}/parameters");
            let Some(Value::Sequence(items)) = self.node(&list) else {
                continue;
            };
            for i in 0..items.len() {
                let at = self.resolve(&format!("{list}/{i}"));
                let Some(n) = self.node(&at) else { continue };
                let name = n.get("name").and_then(Value::as_str);
                let loc = n.get("in").and_then(Value::as_str);
                let same_name = match p.location {
                    ir::ParamLocation::Header => {
                        name.is_some_and(|n| n.eq_ignore_ascii_case(&p.wire_name))
                    }
                    _ => name == Some(p.wire_name.as_str()),
                };
                if same_name && loc == Some(p.location.as_str()) {
                    return Some(at);
                }
            }
        }
        None
    }

    /// The security scheme that sends header `name` (`X-Auth-Token` -> the `token` scheme).
    pub fn scheme_for_header(&self, name: &str) -> Option<String> {
        self.api.auth.iter().find_map(|a| match &a.kind {
            ir::AuthKind::ApiKey {
                location: ir::KeyLocation::Header,
                name: header,
                ..
            } if header.eq_ignore_ascii_case(name) => {
                Some(format!("#/components/securitySchemes/{}", esc(&a.name)))
            }
            _ => None,
        })
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn check_decision_list(spec: &str, at: &str, v: &Value) -> Result<()> {
    let Value::Sequence(list) = v else {
        bail!("{spec}: {at}: {DECISIONS} must be a list of decisions ({{kind, reason, name?, page?}})");
    };
    for (i, d) in list.iter().enumerate() {
        let here = format!("{at}/{i}");
        let Value::Mapping(m) = d else {
            bail!("{spec}: {here}: a decision must be a mapping with kind and reason");
        };
        for (k, _) in m {
            let k = k.as_str().unwrap_or("");
            if !matches!(k, "kind" | "name" | "page" | "reason") {
                bail!("{spec}: {here}: unknown key {k:?} in a decision (kind, name, page, reason)");
            }
        }
        match d.get("kind").and_then(Value::as_str) {
            Some(k) if super::compare::Kind::from_code(k).is_some() => {}
            Some(k) => bail!(
                "{spec}: {here}/kind: unknown finding kind {k:?} (one of: {})",
                super::compare::Kind::ALL
                    .iter()
                    .map(|k| k.code())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => bail!("{spec}: {here}: a decision needs `kind` (the finding kind it decides)"),
        }
        match d.get("reason").and_then(Value::as_str) {
            Some(r) if !r.trim().is_empty() => {}
            _ => bail!("{spec}: {here}: a decision needs a `reason`"),
        }
    }
    Ok(())
}
