//! The byte encoding of instructions for fasls and images: one opcode
//! byte, then each operand as a little-endian u32. One table below drives
//! both directions, so they cannot disagree.

use super::op::Op;

/// An instruction operand: every field of an `Op` is a u32 or an i32.
trait Operand: Sized {
    fn put(self, out: &mut Vec<u8>);
    fn get(bytes: &[u8], pos: &mut usize) -> Option<Self>;
}

impl Operand for u32 {
    fn put(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn get(bytes: &[u8], pos: &mut usize) -> Option<u32> {
        let b = bytes.get(*pos..*pos + 4)?;
        *pos += 4;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

impl Operand for i32 {
    fn put(self, out: &mut Vec<u8>) {
        (self as u32).put(out)
    }
    fn get(bytes: &[u8], pos: &mut usize) -> Option<i32> {
        u32::get(bytes, pos).map(|u| u as i32)
    }
}

macro_rules! codec {
    ($($code:literal $name:ident $(($($field:ident),+))?;)*) => {
        /// Appends the encoding of `op` to `out`.
        pub fn encode(op: Op, out: &mut Vec<u8>) {
            match op {
                $(Op::$name $(($($field),+))? => {
                    out.push($code);
                    $($($field.put(out);)+)?
                })*
            }
        }

        /// Decodes the instruction at `*pos`, advancing past it; `None` when
        /// the bytes are not a valid instruction.
        pub fn decode(bytes: &[u8], pos: &mut usize) -> Option<Op> {
            let code = *bytes.get(*pos)?;
            *pos += 1;
            Some(match code {
                $($code => Op::$name $(($({ let _ = stringify!($field); Operand::get(bytes, pos)? }),+))?,)*
                _ => return None,
            })
        }
    };
}

codec! {
    0 Const(a); 1 Nil; 2 T; 3 Fixnum(a); 4 Local(a); 5 SetLocal(a);
    6 LocalCell(a); 7 SetLocalCell(a); 8 MakeCell(a); 9 Env(a); 10 EnvCell(a);
    11 SetEnvCell(a); 12 Global(a); 13 SetGlobal(a); 14 Pop; 15 PopLocal(a);
    16 Jump(a); 17 JumpIfNil(a); 18 JumpIfNotNil(a); 19 JumpIfSupplied(a, b);
    20 SuppliedP(a, b); 21 Call(a); 22 CallMv(a); 23 TailCall(a);
    24 CallGlobal(a, b); 25 CallGlobalMv(a, b); 26 TailCallGlobal(a, b);
    27 MvCall; 28 MvCallMv; 29 Return; 30 ReturnMv; 31 Closure(a);
    32 Values(a); 33 MvPrimary; 34 ToMv; 35 MvSpread; 36 MvSave; 37 MvRestore;
    38 MvBind(a, b); 39 Bind(a); 40 Unbind(a); 41 Mark(a); 42 Reset(a);
    43 Function(a); 44 SetfFunction(a); 45 Progv; 46 Catch(a); 47 PopDyn;
    48 Throw; 49 Block(a, b); 50 ReturnFrom; 51 Tagbody(a, b); 52 Go(a);
    53 Protect(a); 54 ProtectNormal; 55 ProtectEnd;
    56 Add; 57 Sub; 58 Lt; 59 Gt; 60 Le; 61 Ge; 62 NumEq; 63 Inc; 64 Dec;
    65 Eq; 66 Car; 67 Cdr; 68 Cons; 69 Not;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_operands_and_rejects_garbage() {
        let ops = [Op::Fixnum(-7), Op::JumpIfSupplied(3, 99), Op::Not, Op::CallGlobal(u32::MAX, 0)];
        let mut bytes = Vec::new();
        for op in ops {
            encode(op, &mut bytes);
        }
        let mut pos = 0;
        let back: Vec<Op> = std::iter::from_fn(|| decode(&bytes, &mut pos)).collect();
        assert_eq!(back, ops);
        assert_eq!(decode(&[200], &mut 0), None);
        assert_eq!(decode(&[3, 1, 2], &mut 0), None, "truncated operand");
    }
}
