using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using nanoFramework.TestFramework;

namespace CommsHub.Tests.Runner
{
    /// <summary>
    /// Finds nanoFramework test classes and calls their methods the way the device's unit-test launcher
    /// does: on a null instance (so instance state fails here as it would on the board), [Setup] once per
    /// class before its first test and [Cleanup] once after its last.
    /// </summary>
    public static class NanoTestCatalog
    {
        private static readonly Dictionary<string, NanoTestCase> Cases = Discover(typeof(NanoTestCatalog).Assembly);
        private static readonly HashSet<Type> SetUpClasses = new();
        private static readonly object Gate = new();

        public static IReadOnlyCollection<NanoTestCase> All => Cases.Values;

        public static NanoTestCase Find(string id) => Cases[id];

        public static Dictionary<string, NanoTestCase> Discover(Assembly assembly)
        {
            var cases = new Dictionary<string, NanoTestCase>();
            foreach (Type type in assembly.GetTypes().Where(t => t.GetCustomAttribute<TestClassAttribute>() != null).OrderBy(t => t.FullName))
            {
                foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                             .Where(m => m.GetCustomAttribute<TestMethodAttribute>() != null).OrderBy(m => m.MetadataToken))
                {
                    DataRowAttribute[] rows = method.GetCustomAttributes<DataRowAttribute>().ToArray();
                    if (rows.Length == 0)
                    {
                        Add(cases, new NanoTestCase(type, method, null, 0));
                    }

                    for (int i = 0; i < rows.Length; i++)
                    {
                        Add(cases, new NanoTestCase(type, method, rows[i].MethodParameters, i));
                    }
                }
            }

            return cases;
        }

        /// <summary>Runs [Setup] of the test's class the first time one of its tests runs.</summary>
        public static void EnsureSetUp(Type testClass)
        {
            lock (Gate)
            {
                if (!SetUpClasses.Add(testClass))
                {
                    return;
                }
            }

            foreach (MethodInfo setup in Marked<SetupAttribute>(testClass))
            {
                Invoker(setup)(Array.Empty<object>());
            }
        }

        /// <summary>Runs [Cleanup] of every class that was set up; called once when the run ends.</summary>
        public static void CleanUpAll()
        {
            Type[] classes;
            lock (Gate)
            {
                classes = SetUpClasses.ToArray();
                SetUpClasses.Clear();
            }

            foreach (Type testClass in classes)
            {
                foreach (MethodInfo cleanup in Marked<CleanupAttribute>(testClass))
                {
                    Invoker(cleanup)(Array.Empty<object>());
                }
            }
        }

        /// <summary>
        /// A call with a null 'this' for instance methods, as the launcher makes, and exact argument types:
        /// a DataRow value of the wrong type fails here instead of surprising the board.
        /// </summary>
        public static Action<object[]> Invoker(MethodInfo method)
        {
            ParameterInfo[] parameters = method.GetParameters();
            var dynamicMethod = new DynamicMethod("nano_" + method.Name, typeof(void), new[] { typeof(object[]) }, method.Module, skipVisibility: true);
            ILGenerator il = dynamicMethod.GetILGenerator();
            if (!method.IsStatic)
            {
                il.Emit(OpCodes.Ldnull);
            }

            for (int i = 0; i < parameters.Length; i++)
            {
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I4, i);
                il.Emit(OpCodes.Ldelem_Ref);
                il.Emit(OpCodes.Unbox_Any, parameters[i].ParameterType);
            }

            il.Emit(OpCodes.Call, method);
            if (method.ReturnType != typeof(void))
            {
                il.Emit(OpCodes.Pop);
            }

            il.Emit(OpCodes.Ret);
            var call = (Action<object[]>)dynamicMethod.CreateDelegate(typeof(Action<object[]>));
            return args =>
            {
                if (args.Length != parameters.Length)
                {
                    throw new InvalidOperationException($"{method.DeclaringType.Name}.{method.Name} takes {parameters.Length} arguments but its DataRow gives {args.Length}");
                }

                for (int i = 0; i < args.Length; i++)
                {
                    if (args[i] != null && args[i].GetType() != parameters[i].ParameterType)
                    {
                        throw new InvalidOperationException($"{method.DeclaringType.Name}.{method.Name}: DataRow argument {i} is {args[i].GetType().Name}, parameter '{parameters[i].Name}' is {parameters[i].ParameterType.Name}");
                    }
                }

                call(args);
            };
        }

        private static IEnumerable<MethodInfo> Marked<T>(Type type) where T : Attribute =>
            type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m.GetCustomAttribute<T>() != null);

        private static void Add(Dictionary<string, NanoTestCase> cases, NanoTestCase testCase)
        {
            cases.Add(testCase.Id, testCase);
        }
    }
}
