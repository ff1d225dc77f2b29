//! Writes `$OUT_DIR/hss_adapters.rs` for the validation tests (tests/tests/validation/hss.rs):
//! for each operation of spec/hss.yaml, the code that builds its generated request type from the
//! JSON form of a request (`{"path": {..}, "query": {..}, "header": {..}, "body": ..}`), one
//! parameter at a time. Derived from the IR, so a parameter added to the spec needs no test edit
//! and gets its boundary cases at once.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/hss.yaml");
    println!("cargo:rerun-if-changed={}", spec.display());
    println!("cargo:rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(&spec).expect("read spec/hss.yaml");
    let options = generator::Options {
        spec_name: "spec/hss.yaml".into(),
        crate_name: None,
    };
    let api = generator::lower_spec(&text, &options).expect("spec/hss.yaml lowers");
    let lib = &api.krate.lib_name;
    // A type as seen from the tests: `models::X` (the crate's modules import `crate::models`)
    // is `huaweicloud_hss::models::X`.
    let ty = |t: &generator::ir::TypeRef| {
        format!(" {}", generator::emit::types::rust_type(t))
            .replace(" models ::", &format!(" {lib} :: models ::"))
    };

    let mut out = String::new();
    for op in &api.operations {
        let req = format!("{lib}::operations::{}", op.request_type);
        writeln!(
            out,
            "impl Validate for {req} {{\n    fn validate(&self) -> Result<(), ValidationErrors> {{\n        {req}::validate(self)\n    }}\n}}\n"
        )
        .unwrap();
    }
    out.push_str("/// Builds the typed request of `operation_id` from its JSON form.\n");
    out.push_str(
        "pub fn build(operation_id: &str, request: &Value) -> Result<HssRequest, String> {\n",
    );
    out.push_str("    Ok(match operation_id {\n");
    for op in &api.operations {
        let req = format!("{lib}::operations::{}", op.request_type);
        writeln!(out, "        {:?} => {{", op.operation_id).unwrap();
        writeln!(out, "            let mut r = {req}::builder()").unwrap();
        for p in op.params.iter().filter(|p| !p.is_option()) {
            writeln!(
                out,
                "                .{}(field::<{}>(request, {:?}, {:?})?)",
                p.setter,
                ty(&p.shape.ty),
                p.location.as_str(),
                p.wire_name
            )
            .unwrap();
        }
        if let Some(b) = op.body.as_ref().filter(|b| b.required) {
            writeln!(
                out,
                "                .{}(body::<{}>(request)?)",
                b.setter,
                ty(&b.ty)
            )
            .unwrap();
        }
        out.push_str("                .build()\n                .map_err(|e| e.to_string())?;\n");
        for p in op.params.iter().filter(|p| p.is_option()) {
            writeln!(
                out,
                "            r.{} = field(request, {:?}, {:?})?;",
                p.rust_name,
                p.location.as_str(),
                p.wire_name
            )
            .unwrap();
        }
        if let Some(b) = op.body.as_ref().filter(|b| !b.required) {
            writeln!(out, "            r.{} = body(request)?;", b.rust_name).unwrap();
        }
        out.push_str("            HssRequest::new(r)\n        }\n");
    }
    out.push_str("        other => return Err(format!(\"no operation {other} in the spec\")),\n");
    out.push_str("    })\n}\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("hss_adapters.rs");
    std::fs::write(dest, out).expect("write hss_adapters.rs");
}
