//! `hashlib`: MD5, SHA-1 and the SHA-2 family over `bytes` (the tutorials' CPU-bound work:
//! hashing in a pool, a proof-of-work search). One hash object may be updated by several
//! threads; each update is atomic, as CPython's (which holds a lock while it hashes).

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::registry::{
    address_of, done, downcast, native, Args, ModuleDef, PyObject, TypeDef,
};
use super::super::types::bytes;
use super::super::value::Value;
use super::super::vm::Invoked;
use crate::event::lock;
use sha2::Digest;
use std::sync::{Arc, Mutex};

struct Algorithm {
    /// As CPython names it.
    name: &'static str,
    block_size: usize,
    new: fn() -> Hasher,
}

const fn algorithm(name: &'static str, block_size: usize, new: fn() -> Hasher) -> Algorithm {
    Algorithm {
        name,
        block_size,
        new,
    }
}

const ALGORITHMS: &[Algorithm] = &[
    algorithm("md5", 64, || Hasher::Md5(Default::default())),
    algorithm("sha1", 64, || Hasher::Sha1(Default::default())),
    algorithm("sha224", 64, || Hasher::Sha224(Default::default())),
    algorithm("sha256", 64, || Hasher::Sha256(Default::default())),
    algorithm("sha384", 128, || Hasher::Sha384(Default::default())),
    algorithm("sha512", 128, || Hasher::Sha512(Default::default())),
];

#[derive(Clone)]
enum Hasher {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

/// `$body` with `$hasher` bound to the algorithm's own hasher, whichever it is.
macro_rules! with_hasher {
    ($value:expr, $hasher:ident => $body:expr) => {
        match $value {
            Hasher::Md5($hasher) => $body,
            Hasher::Sha1($hasher) => $body,
            Hasher::Sha224($hasher) => $body,
            Hasher::Sha256($hasher) => $body,
            Hasher::Sha384($hasher) => $body,
            Hasher::Sha512($hasher) => $body,
        }
    };
}

impl Hasher {
    fn update(&mut self, data: &[u8]) {
        with_hasher!(self, hasher => hasher.update(data));
    }

    fn finalize(self) -> Box<[u8]> {
        with_hasher!(self, hasher => hasher.finalize().to_vec().into())
    }

    fn output_size(&self) -> usize {
        fn size<D: Digest>(_: &D) -> usize {
            <D as Digest>::output_size()
        }
        with_hasher!(self, hasher => size(hasher))
    }
}

/// A constructor of the module: `hashlib.sha256(data=b'')`.
macro_rules! constructors {
    ($($name:literal),*) => {
        &[$(native($name, |_, args| make($name, args)),)* native("new", |_, mut args| {
            if args.positional.is_empty() {
                let name = args.keyword("name");
                args.positional.extend(name);
            }
            let name = match args.positional.first() {
                Some(Value::Str(name)) => name.clone(),
                Some(_) => return raise(TypeError, "new() argument 'name' must be str"),
                None => {
                    return raise(
                        TypeError,
                        "__hash_new() missing 1 required positional argument: 'name'",
                    )
                }
            };
            args.positional.remove(0);
            make(&name.to_lowercase(), args)
        })]
    };
}

pub static MODULE: ModuleDef = ModuleDef {
    name: "hashlib",
    functions: constructors!("md5", "sha1", "sha224", "sha256", "sha384", "sha512"),
    exceptions: &[],
    constants: &[],
    submodules: &[],
};

fn make(name: &str, mut args: Args) -> PyResult<Invoked> {
    // Whether the caller hashes for security changes nothing here.
    args.keyword("usedforsecurity");
    let [data] = args.bind(name, ["data"], 0)?;
    let Some(algorithm) = ALGORITHMS.iter().find(|known| known.name == name) else {
        return raise(ValueError, format!("unsupported hash type {name}"));
    };
    let hash = Hash {
        name: algorithm.name,
        block_size: algorithm.block_size,
        hasher: Mutex::new((algorithm.new)()),
    };
    if let Some(data) = data {
        hash.update(&data)?;
    }
    done(Value::Object(Arc::new(hash)))
}

struct Hash {
    name: &'static str,
    block_size: usize,
    hasher: Mutex<Hasher>,
}

impl Hash {
    fn update(&self, data: &Value) -> PyResult<()> {
        let Some(data) = bytes::of(data) else {
            return raise(
                TypeError,
                match data {
                    Value::Str(_) => "Strings must be encoded before hashing",
                    _ => "object supporting the buffer API required",
                },
            );
        };
        lock(&self.hasher).update(data);
        Ok(())
    }

    /// The digest so far; the object goes on taking updates.
    fn digest(&self) -> Box<[u8]> {
        lock(&self.hasher).clone().finalize()
    }
}

static HASH: TypeDef = TypeDef {
    name: "HASH",
    methods: &[
        native("update", |_, args| {
            let data = args.expect("update", 1, 1)?[0].clone();
            args.this::<Hash>()?.update(&data)?;
            done(Value::None)
        }),
        native("digest", |_, args| {
            args.expect("digest", 0, 0)?;
            done(bytes::value(args.this::<Hash>()?.digest()))
        }),
        native("hexdigest", |_, args| {
            args.expect("hexdigest", 0, 0)?;
            done(Value::str(bytes::hex(&args.this::<Hash>()?.digest())))
        }),
        native("copy", |_, args| {
            args.expect("copy", 0, 0)?;
            let hash = args.this::<Hash>()?;
            let hasher = lock(&hash.hasher).clone();
            done(Value::Object(Arc::new(Hash {
                name: hash.name,
                block_size: hash.block_size,
                hasher: Mutex::new(hasher),
            })))
        }),
    ],
    attribute: |object, name| {
        let hash = downcast::<Hash>(object)?;
        match name {
            "name" => Some(Value::str(hash.name)),
            "digest_size" => Some(Value::Int((lock(&hash.hasher).output_size() as u32).into())),
            "block_size" => Some(Value::Int((hash.block_size as u32).into())),
            _ => None,
        }
    },
};

impl PyObject for Hash {
    fn type_def(&self) -> &'static TypeDef {
        &HASH
    }

    fn repr(&self) -> String {
        format!(
            "<{} _hashlib.HASH object @ {:#x}>",
            self.name,
            address_of(self)
        )
    }
}
