#nullable disable
using System;
using System.Collections.Generic;
using System.Reflection;
using System.Reflection.Emit;

namespace CommsHub.Benchmarks
{
    /// <summary>
    /// Runs compiled device code instruction by instruction and counts the IL instructions executed, the
    /// unit of work of the nanoFramework interpreter. It implements the subset of IL the curve arithmetic
    /// compiles to (locals, arrays, fields, integer arithmetic, branches, calls, switch); calls into the
    /// given namespace are interpreted and counted, anything else is refused so nothing runs uncounted.
    /// </summary>
    public sealed class IlInstructionCounter
    {
        private static readonly Dictionary<short, OpCode> OpCodesByValue = BuildOpCodeTable();
        private readonly Dictionary<MethodBase, Instruction[]> _decoded = new Dictionary<MethodBase, Instruction[]>();
        private readonly string _namespace;

        public IlInstructionCounter(string interpretedNamespace)
        {
            _namespace = interpretedNamespace;
        }

        /// <summary>IL instructions executed so far.</summary>
        public long Executed { get; private set; }

        /// <summary>Calls a method (instance or static) under the interpreter and returns its result.</summary>
        public object Invoke(object target, string methodName, params object[] arguments)
        {
            MethodInfo method = null;
            foreach (MethodInfo candidate in target is Type t ? t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static) : target.GetType().GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
            {
                if (candidate.Name == methodName && candidate.GetParameters().Length == arguments.Length)
                {
                    method = candidate;
                }
            }

            if (method == null)
            {
                throw new ArgumentException("no method " + methodName);
            }

            object[] args = new object[arguments.Length + (method.IsStatic ? 0 : 1)];
            int at = 0;
            if (!method.IsStatic)
            {
                args[at++] = target;
            }

            foreach (object argument in arguments)
            {
                args[at++] = ToStack(argument);
            }

            object result = Run(method, args);
            return method.ReturnType == typeof(bool) ? (object)((int)result != 0) : result;
        }

        private object Run(MethodBase method, object[] args)
        {
            Instruction[] code = Decode(method);
            MethodBody body = method.GetMethodBody();
            object[] locals = new object[body.LocalVariables.Count];
            for (int i = 0; i < locals.Length; i++)
            {
                locals[i] = DefaultFor(body.LocalVariables[i].LocalType);
            }

            var stack = new Stack<object>();
            Module module = method.Module;
            int pc = 0;
            while (true)
            {
                Instruction ins = code[pc];
                Executed++;
                pc++;
                string name = ins.Code.Name;
                switch (name)
                {
                    case "nop":
                        break;
                    case "ldarg.0": stack.Push(args[0]); break;
                    case "ldarg.1": stack.Push(args[1]); break;
                    case "ldarg.2": stack.Push(args[2]); break;
                    case "ldarg.3": stack.Push(args[3]); break;
                    case "ldarg.s": case "ldarg": stack.Push(args[ins.Int]); break;
                    case "starg.s": case "starg": args[ins.Int] = stack.Pop(); break;
                    case "ldloc.0": stack.Push(locals[0]); break;
                    case "ldloc.1": stack.Push(locals[1]); break;
                    case "ldloc.2": stack.Push(locals[2]); break;
                    case "ldloc.3": stack.Push(locals[3]); break;
                    case "ldloc.s": case "ldloc": stack.Push(locals[ins.Int]); break;
                    case "stloc.0": locals[0] = stack.Pop(); break;
                    case "stloc.1": locals[1] = stack.Pop(); break;
                    case "stloc.2": locals[2] = stack.Pop(); break;
                    case "stloc.3": locals[3] = stack.Pop(); break;
                    case "stloc.s": case "stloc": locals[ins.Int] = stack.Pop(); break;
                    case "ldc.i4.m1": stack.Push(-1); break;
                    case "ldc.i4.0": case "ldc.i4.1": case "ldc.i4.2": case "ldc.i4.3": case "ldc.i4.4":
                    case "ldc.i4.5": case "ldc.i4.6": case "ldc.i4.7": case "ldc.i4.8":
                        stack.Push(name[7] - '0');
                        break;
                    case "ldc.i4.s": case "ldc.i4": stack.Push(ins.Int); break;
                    case "ldc.i8": stack.Push(ins.Long); break;
                    case "ldnull": stack.Push(null); break;
                    case "dup": stack.Push(stack.Peek()); break;
                    case "pop": stack.Pop(); break;
                    case "ldlen": stack.Push(((Array)stack.Pop()).Length); break;
                    case "ldelem.u4": case "ldelem.i4": case "ldelem.u2": case "ldelem.u1": case "ldelem.i1": case "ldelem.i2": case "ldelem.ref": case "ldelem.i8":
                        {
                            int index = Int(stack.Pop());
                            Array array = (Array)stack.Pop();
                            stack.Push(ToStack(array.GetValue(index)));
                            break;
                        }

                    case "stelem.i4": case "stelem.i2": case "stelem.i1": case "stelem.ref": case "stelem.i8":
                        {
                            object value = stack.Pop();
                            int index = Int(stack.Pop());
                            Array array = (Array)stack.Pop();
                            array.SetValue(FromStack(value, array.GetType().GetElementType()), index);
                            break;
                        }

                    case "ldelema":
                        {
                            int index = Int(stack.Pop());
                            stack.Push(new ElementRef((Array)stack.Pop(), index));
                            break;
                        }

                    case "ldind.u4": case "ldind.i4": case "ldind.u2": case "ldind.u1": case "ldind.i8":
                        {
                            var r = (ElementRef)stack.Pop();
                            stack.Push(ToStack(r.Array.GetValue(r.Index)));
                            break;
                        }

                    case "stind.i4": case "stind.i2": case "stind.i1": case "stind.i8":
                        {
                            object value = stack.Pop();
                            var r = (ElementRef)stack.Pop();
                            r.Array.SetValue(FromStack(value, r.Array.GetType().GetElementType()), r.Index);
                            break;
                        }

                    case "ldfld":
                        {
                            FieldInfo field = module.ResolveField(ins.Int);
                            stack.Push(ToStack(field.GetValue(stack.Pop())));
                            break;
                        }

                    case "stfld":
                        {
                            FieldInfo field = module.ResolveField(ins.Int);
                            object value = stack.Pop();
                            field.SetValue(stack.Pop(), FromStack(value, field.FieldType));
                            break;
                        }

                    case "ldsfld":
                        stack.Push(ToStack(module.ResolveField(ins.Int).GetValue(null)));
                        break;
                    case "add": Binary(stack, (a, b) => a + b, (a, b) => a + b); break;
                    case "sub": Binary(stack, (a, b) => a - b, (a, b) => a - b); break;
                    case "mul": Binary(stack, (a, b) => a * b, (a, b) => a * b); break;
                    case "and": Binary(stack, (a, b) => a & b, (a, b) => a & b); break;
                    case "or": Binary(stack, (a, b) => a | b, (a, b) => a | b); break;
                    case "xor": Binary(stack, (a, b) => a ^ b, (a, b) => a ^ b); break;
                    case "div": Binary(stack, (a, b) => a / b, (a, b) => a / b); break;
                    case "rem": Binary(stack, (a, b) => a % b, (a, b) => a % b); break;
                    case "neg": { object v = stack.Pop(); stack.Push(v is long l ? -l : (object)(-(int)v)); break; }
                    case "not": { object v = stack.Pop(); stack.Push(v is long l ? ~l : (object)~(int)v); break; }
                    case "shl": { int s = Int(stack.Pop()); object v = stack.Pop(); stack.Push(v is long l ? l << s : (object)((int)v << s)); break; }
                    case "shr": { int s = Int(stack.Pop()); object v = stack.Pop(); stack.Push(v is long l ? l >> s : (object)((int)v >> s)); break; }
                    case "shr.un": { int s = Int(stack.Pop()); object v = stack.Pop(); stack.Push(v is long l ? (long)((ulong)l >> s) : (object)(int)((uint)(int)v >> s)); break; }
                    case "conv.u4": case "conv.i4": stack.Push(unchecked((int)Long(stack.Pop()))); break;
                    case "conv.u2": stack.Push((int)(ushort)Long(stack.Pop())); break;
                    case "conv.u1": stack.Push((int)(byte)Long(stack.Pop())); break;
                    case "conv.i2": stack.Push((int)(short)Long(stack.Pop())); break;
                    case "conv.i1": stack.Push((int)(sbyte)Long(stack.Pop())); break;
                    case "conv.i8": case "conv.i": stack.Push(Long(stack.Pop())); break;
                    case "conv.u8": case "conv.u": { object v = stack.Pop(); stack.Push(v is long l ? l : (long)(uint)(int)v); break; }
                    case "ceq": { object b = stack.Pop(); stack.Push(Equal(stack.Pop(), b) ? 1 : 0); break; }
                    case "clt": { long b = Long(stack.Pop()); stack.Push(Long(stack.Pop()) < b ? 1 : 0); break; }
                    case "cgt": { long b = Long(stack.Pop()); stack.Push(Long(stack.Pop()) > b ? 1 : 0); break; }
                    case "clt.un": { object b = stack.Pop(); stack.Push(Unsigned(stack.Pop()) < Unsigned(b) ? 1 : 0); break; }
                    case "cgt.un": { object b = stack.Pop(); object a = stack.Pop(); stack.Push(a != null && b == null ? 1 : (a is int || a is long) && Unsigned(a) > Unsigned(b) ? 1 : 0); break; }
                    case "br": case "br.s": pc = ins.Target; break;
                    case "brtrue": case "brtrue.s": if (Truthy(stack.Pop())) { pc = ins.Target; } break;
                    case "brfalse": case "brfalse.s": if (!Truthy(stack.Pop())) { pc = ins.Target; } break;
                    case "beq": case "beq.s": { object b = stack.Pop(); if (Equal(stack.Pop(), b)) { pc = ins.Target; } break; }
                    case "bne.un": case "bne.un.s": { object b = stack.Pop(); if (!Equal(stack.Pop(), b)) { pc = ins.Target; } break; }
                    case "blt": case "blt.s": { long b = Long(stack.Pop()); if (Long(stack.Pop()) < b) { pc = ins.Target; } break; }
                    case "ble": case "ble.s": { long b = Long(stack.Pop()); if (Long(stack.Pop()) <= b) { pc = ins.Target; } break; }
                    case "bgt": case "bgt.s": { long b = Long(stack.Pop()); if (Long(stack.Pop()) > b) { pc = ins.Target; } break; }
                    case "bge": case "bge.s": { long b = Long(stack.Pop()); if (Long(stack.Pop()) >= b) { pc = ins.Target; } break; }
                    case "blt.un": case "blt.un.s": { object b = stack.Pop(); if (Unsigned(stack.Pop()) < Unsigned(b)) { pc = ins.Target; } break; }
                    case "ble.un": case "ble.un.s": { object b = stack.Pop(); if (Unsigned(stack.Pop()) <= Unsigned(b)) { pc = ins.Target; } break; }
                    case "bgt.un": case "bgt.un.s": { object b = stack.Pop(); if (Unsigned(stack.Pop()) > Unsigned(b)) { pc = ins.Target; } break; }
                    case "bge.un": case "bge.un.s": { object b = stack.Pop(); if (Unsigned(stack.Pop()) >= Unsigned(b)) { pc = ins.Target; } break; }
                    case "switch":
                        {
                            uint index = (uint)Int(stack.Pop());
                            if (index < ins.Targets.Length)
                            {
                                pc = ins.Targets[index];
                            }

                            break;
                        }

                    case "call": case "callvirt":
                        {
                            MethodBase callee = module.ResolveMethod(ins.Int);
                            ParameterInfo[] parameters = callee.GetParameters();
                            object[] calleeArgs = new object[parameters.Length + (callee.IsStatic ? 0 : 1)];
                            for (int i = calleeArgs.Length - 1; i >= 0; i--)
                            {
                                calleeArgs[i] = stack.Pop();
                            }

                            if (!callee.IsStatic && name == "callvirt" && callee.IsVirtual)
                            {
                                callee = Dispatch(calleeArgs[0].GetType(), (MethodInfo)callee);
                            }

                            if (callee.DeclaringType?.Namespace != _namespace)
                            {
                                throw new NotSupportedException("call outside the counted code: " + callee.DeclaringType + "." + callee.Name);
                            }

                            object result = Run(callee, calleeArgs);
                            if (callee is MethodInfo info && info.ReturnType != typeof(void))
                            {
                                stack.Push(result);
                            }

                            break;
                        }

                    case "ret":
                        return stack.Count > 0 ? stack.Pop() : null;
                    default:
                        throw new NotSupportedException("IL " + name + " in " + method.DeclaringType + "." + method.Name);
                }
            }
        }

        private static MethodBase Dispatch(Type type, MethodInfo declared)
        {
            Type[] parameterTypes = Array.ConvertAll(declared.GetParameters(), p => p.ParameterType);
            for (Type t = type; t != null; t = t.BaseType)
            {
                MethodInfo m = t.GetMethod(declared.Name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly, null, parameterTypes, null);
                if (m != null && !m.IsAbstract)
                {
                    return m;
                }
            }

            throw new MissingMethodException(type + "." + declared.Name);
        }

        private static void Binary(Stack<object> stack, Func<int, int, int> i32, Func<long, long, long> i64)
        {
            object b = stack.Pop();
            object a = stack.Pop();
            if (a is int x && b is int y)
            {
                stack.Push(unchecked(i32(x, y)));
            }
            else
            {
                stack.Push(unchecked(i64(Long(a), Long(b))));
            }
        }

        private static bool Truthy(object v) => v switch { null => false, int i => i != 0, long l => l != 0, _ => true };

        private static bool Equal(object a, object b)
        {
            if ((a is int || a is long) && (b is int || b is long))
            {
                return Long(a) == Long(b);
            }

            return ReferenceEquals(a, b);
        }

        private static int Int(object v) => v is long l ? (int)l : (int)v;

        private static long Long(object v) => v is long l ? l : (int)v;

        private static ulong Unsigned(object v) => v is long l ? (ulong)l : (uint)(int)v;

        private static object ToStack(object value) => value switch
        {
            uint u => unchecked((int)u),
            ushort s => (int)s,
            byte b => (int)b,
            sbyte sb => (int)sb,
            short sh => (int)sh,
            bool f => f ? 1 : 0,
            ulong ul => unchecked((long)ul),
            Enum e => Convert.ToInt32(e),
            _ => value,
        };

        private static object FromStack(object value, Type type)
        {
            if (type == typeof(uint)) return unchecked((uint)Long(value));
            if (type == typeof(int)) return unchecked((int)Long(value));
            if (type == typeof(ushort)) return unchecked((ushort)Long(value));
            if (type == typeof(byte)) return unchecked((byte)Long(value));
            if (type == typeof(bool)) return Long(value) != 0;
            if (type == typeof(long)) return Long(value);
            if (type == typeof(ulong)) return unchecked((ulong)Long(value));
            if (type.IsEnum) return Enum.ToObject(type, Int(value));
            return value;
        }

        private static object DefaultFor(Type type) => type.IsValueType ? ToStack(Activator.CreateInstance(type)) : null;

        private Instruction[] Decode(MethodBase method)
        {
            if (_decoded.TryGetValue(method, out Instruction[] cached))
            {
                return cached;
            }

            byte[] il = method.GetMethodBody().GetILAsByteArray();
            var list = new List<Instruction>();
            var indexByOffset = new Dictionary<int, int>();
            int at = 0;
            while (at < il.Length)
            {
                indexByOffset[at] = list.Count;
                short value = il[at];
                at++;
                if (value == 0xFE)
                {
                    value = (short)(0xFE00 | il[at]);
                    at++;
                }

                OpCode op = OpCodesByValue[value];
                var ins = new Instruction { Code = op };
                switch (op.OperandType)
                {
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget:
                        ins.Int = (sbyte)il[at] + at + 1;
                        at += 1;
                        break;
                    case OperandType.ShortInlineI:
                        ins.Int = op == OpCodes.Ldc_I4_S ? (sbyte)il[at] : il[at];
                        at += 1;
                        break;
                    case OperandType.ShortInlineVar:
                        ins.Int = il[at];
                        at += 1;
                        break;
                    case OperandType.InlineVar:
                        ins.Int = BitConverter.ToUInt16(il, at);
                        at += 2;
                        break;
                    case OperandType.InlineBrTarget:
                        ins.Int = BitConverter.ToInt32(il, at) + at + 4;
                        at += 4;
                        break;
                    case OperandType.InlineI8:
                        ins.Long = BitConverter.ToInt64(il, at);
                        at += 8;
                        break;
                    case OperandType.InlineR:
                        at += 8;
                        break;
                    case OperandType.InlineSwitch:
                        {
                            int count = BitConverter.ToInt32(il, at);
                            at += 4;
                            int end = at + (4 * count);
                            ins.Targets = new int[count];
                            for (int i = 0; i < count; i++)
                            {
                                ins.Targets[i] = BitConverter.ToInt32(il, at + (4 * i)) + end;
                            }

                            at = end;
                            break;
                        }

                    default:
                        ins.Int = BitConverter.ToInt32(il, at);
                        at += 4;
                        break;
                }

                list.Add(ins);
            }

            // Branch operands are byte offsets; turn them into instruction indices.
            foreach (Instruction ins in list)
            {
                if (ins.Code.OperandType == OperandType.ShortInlineBrTarget || ins.Code.OperandType == OperandType.InlineBrTarget)
                {
                    ins.Target = indexByOffset[ins.Int];
                }
                else if (ins.Targets != null)
                {
                    for (int i = 0; i < ins.Targets.Length; i++)
                    {
                        ins.Targets[i] = indexByOffset[ins.Targets[i]];
                    }
                }
            }

            Instruction[] code = list.ToArray();
            _decoded[method] = code;
            return code;
        }

        private static Dictionary<short, OpCode> BuildOpCodeTable()
        {
            var table = new Dictionary<short, OpCode>();
            foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var op = (OpCode)field.GetValue(null);
                table[op.Value] = op;
            }

            return table;
        }

        private sealed class Instruction
        {
            public OpCode Code;
            public int Int;
            public long Long;
            public int Target;
            public int[] Targets;
        }

        private sealed class ElementRef
        {
            public ElementRef(Array array, int index)
            {
                Array = array;
                Index = index;
            }

            public Array Array { get; }

            public int Index { get; }
        }
    }
}
