//! Test support for the end-to-end client tests: a scripted HTTP/1.1 server on 127.0.0.1 and an
//! independent implementation of SDK-HMAC-SHA256 signature verification.

#![allow(dead_code)]

pub mod server;
pub mod signature;
