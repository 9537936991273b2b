//! The typecodes of `array` and of `multiprocessing.Value`/`Array` (`'i'`, `'d'`…): the C type
//! each holds its numbers as, on a 64-bit Linux. A ctypes number wraps as C does; the `array`
//! module refuses what does not fit, with CPython's message for each type.

use super::super::error::{raise, ExceptionKind::*, PyResult};
use super::super::value::{as_int, to_index, Int, Value};
use super::bytes;

/// A typecode's C type.
pub struct TypeCode {
    pub code: char,
    /// Its ctypes name (`c_int`), in a shared array's repr.
    pub ctype_name: &'static str,
    pub number: Number,
}

#[derive(Clone, Copy)]
pub enum Number {
    Int {
        bits: u32,
        signed: bool,
        /// The `array` module's `OverflowError` above the largest value and below the
        /// smallest.
        too_big: &'static str,
        too_small: &'static str,
    },
    Float {
        single: bool,
    },
    /// `'c'` (ctypes only): one byte, as a `bytes` of length 1.
    Char,
}

const fn int(
    code: char,
    ctype_name: &'static str,
    bits: u32,
    signed: bool,
    [too_big, too_small]: [&'static str; 2],
) -> TypeCode {
    TypeCode {
        code,
        ctype_name,
        number: Number::Int {
            bits,
            signed,
            too_big,
            too_small,
        },
    }
}

const fn float(code: char, ctype_name: &'static str, single: bool) -> TypeCode {
    TypeCode {
        code,
        ctype_name,
        number: Number::Float { single },
    }
}

const LONG: &str = "Python int too large to convert to C long";
const LONG_LONG: &str = "int too big to convert";

static TYPECODES: &[TypeCode] = &[
    int(
        'b',
        "c_byte",
        8,
        true,
        [
            "signed char is greater than maximum",
            "signed char is less than minimum",
        ],
    ),
    int(
        'B',
        "c_ubyte",
        8,
        false,
        [
            "unsigned byte integer is greater than maximum",
            "unsigned byte integer is less than minimum",
        ],
    ),
    int(
        'h',
        "c_short",
        16,
        true,
        [
            "signed short integer is greater than maximum",
            "signed short integer is less than minimum",
        ],
    ),
    int(
        'H',
        "c_ushort",
        16,
        false,
        [
            "unsigned short is greater than maximum",
            "unsigned short is less than minimum",
        ],
    ),
    int(
        'i',
        "c_int",
        32,
        true,
        [
            "signed integer is greater than maximum",
            "signed integer is less than minimum",
        ],
    ),
    int(
        'I',
        "c_uint",
        32,
        false,
        [
            "unsigned int is greater than maximum",
            "can't convert negative value to unsigned int",
        ],
    ),
    int('l', "c_long", 64, true, [LONG, LONG]),
    int(
        'L',
        "c_ulong",
        64,
        false,
        [
            "Python int too large to convert to C unsigned long",
            "can't convert negative value to unsigned int",
        ],
    ),
    // A `long long` is a `c_long` here.
    int('q', "c_long", 64, true, [LONG_LONG, LONG_LONG]),
    int(
        'Q',
        "c_ulong",
        64,
        false,
        [LONG_LONG, "can't convert negative int to unsigned"],
    ),
    float('f', "c_float", true),
    float('d', "c_double", false),
    TypeCode {
        code: 'c',
        ctype_name: "c_char",
        number: Number::Char,
    },
];

impl TypeCode {
    /// The typecode a one-character string names, if any.
    pub fn named(typecode: &Value) -> Option<&'static TypeCode> {
        let code = match typecode {
            Value::Str(text) => text.chars().next().filter(|_| text.chars().count() == 1),
            _ => None,
        }?;
        TYPECODES.iter().find(|typecode| typecode.code == code)
    }

    /// Its size in bytes (`itemsize`).
    pub fn size(&self) -> usize {
        match self.number {
            Number::Int { bits, .. } => bits as usize / 8,
            Number::Float { single: true } => 4,
            Number::Float { single: false } => 8,
            Number::Char => 1,
        }
    }

    pub fn zero(&self) -> Value {
        match self.number {
            Number::Int { .. } => Value::Int(0),
            Number::Float { .. } => Value::Float(0.0),
            Number::Char => bytes::value(vec![0]),
        }
    }

    /// `value` as the C type stores it, an int wrapping as C wraps it (ctypes).
    pub fn wrapped(&self, value: &Value) -> PyResult<Value> {
        match self.number {
            Number::Int { bits, signed, .. } => {
                let i = to_index(value)?;
                // The low `bits` bits, read as signed or not.
                let shift = Int::BITS - bits;
                let wrapped = if signed {
                    (i << shift) >> shift
                } else {
                    ((i as u128) << shift >> shift) as Int
                };
                Ok(Value::Int(wrapped))
            }
            _ => self.checked(value),
        }
    }

    /// `value` as the C type stores it, or CPython's `OverflowError` for an int it cannot
    /// hold (the `array` module).
    pub fn checked(&self, value: &Value) -> PyResult<Value> {
        match self.number {
            Number::Int {
                bits,
                signed,
                too_big,
                too_small,
            } => {
                let i = to_index(value)?;
                let (low, high) = match signed {
                    true => (-(1 << (bits - 1)), (1 << (bits - 1)) - 1),
                    false => (0, (1 << bits) - 1),
                };
                match i {
                    i if i > high => raise(OverflowError, too_big),
                    i if i < low => raise(OverflowError, too_small),
                    i => Ok(Value::Int(i)),
                }
            }
            Number::Float { single } => {
                let f = match value {
                    Value::Float(f) => *f,
                    other => match as_int(other) {
                        Some(i) => i as f64,
                        None => {
                            return raise(
                                TypeError,
                                format!("must be real number, not {}", other.type_name()),
                            )
                        }
                    },
                };
                Ok(Value::Float(if single { f as f32 as f64 } else { f }))
            }
            Number::Char => match (bytes::of(value), as_int(value)) {
                (Some([byte]), _) => Ok(bytes::value(vec![*byte])),
                (None, Some(byte @ 0..=255)) => Ok(bytes::value(vec![byte as u8])),
                _ => raise(
                    TypeError,
                    "one character bytes, bytearray or integer expected",
                ),
            },
        }
    }

    /// An item as bytes, little-endian (`tobytes`).
    pub fn encode(&self, item: &Value, out: &mut Vec<u8>) {
        match (self.number, item) {
            (Number::Int { bits, .. }, Value::Int(i)) => {
                out.extend_from_slice(&i.to_le_bytes()[..bits as usize / 8]);
            }
            (Number::Float { single: true }, Value::Float(f)) => {
                out.extend_from_slice(&(*f as f32).to_le_bytes());
            }
            (Number::Float { single: false }, Value::Float(f)) => {
                out.extend_from_slice(&f.to_le_bytes());
            }
            _ => out.extend_from_slice(bytes::of(item).unwrap_or(&[0])),
        }
    }

    /// The items `data` holds, little-endian (`frombytes`); `data`'s length is a multiple of
    /// the size.
    pub fn decode(&self, data: &[u8]) -> Vec<Value> {
        data.chunks_exact(self.size())
            .map(|chunk| match self.number {
                Number::Int { bits, signed, .. } => {
                    let mut wide = [0u8; 16];
                    wide[..chunk.len()].copy_from_slice(chunk);
                    let shift = Int::BITS - bits;
                    let raw = Int::from_le_bytes(wide) << shift;
                    Value::Int(if signed {
                        raw >> shift
                    } else {
                        ((raw as u128) >> shift) as Int
                    })
                }
                Number::Float { single: true } => Value::Float(f64::from(f32::from_le_bytes(
                    chunk.try_into().unwrap_or_default(),
                ))),
                Number::Float { single: false } => {
                    Value::Float(f64::from_le_bytes(chunk.try_into().unwrap_or_default()))
                }
                Number::Char => bytes::value(chunk.to_vec()),
            })
            .collect()
    }
}
