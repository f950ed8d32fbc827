using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Relaxnative.Tests.Facade.Records;

// C# mirrors of tests/native/records.h, written as a user would.
public struct Point { public int X; public int Y; }

public struct Vector2 { public float X; public float Y; }

public struct Rectangle { public float X; public float Y; public float Width; public float Height; }

public struct Color { public byte R; public byte G; public byte B; public byte A; }

public struct Mixed { public float F; public int I; public double D; }

public struct Pair { public double A; public double B; }

public unsafe struct Big { public sbyte C; public double D; public int I; public fixed long L[2]; }

[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct Packed { public sbyte C; public int I; public short S; }

[InlineArray(3)]
public struct Float3 { private float _element; }

public struct WithArray { public int N; public Float3 V; }

[StructLayout(LayoutKind.Explicit)]
public struct Number { [FieldOffset(0)] public int I; [FieldOffset(0)] public float F; [FieldOffset(0)] public double D; }

[StructLayout(LayoutKind.Explicit)]
public struct Tagged { [FieldOffset(0)] public int Kind; [FieldOffset(4)] public int I; [FieldOffset(4)] public float F; }

public struct Nested { public sbyte Tag; public Point P; public Vector2 V; }

public struct TimeSpec { public long Seconds; public long Nanoseconds; }

public struct DivT { public int Quot; public int Rem; }

// Wrong on purpose: y is a float where C has an int.
public struct PointWithFloatY { public int X; public float Y; }

// Wrong on purpose: one field short.
public struct PointTooSmall { public int X; }

public delegate Point PointAdd(Point a, Point b);
public delegate Vector2 VectorScale(Vector2 v, float k);
public delegate float RectangleArea(Rectangle r);
public delegate int DrawRectangle(Rectangle r, Color c);
public delegate Mixed MixedMake(float f, int i, double d);
public delegate double MixedSum(Mixed m);
public delegate Pair PairSwap(Pair p);
public delegate Big BigMake(sbyte c, double d, int i);
public delegate double BigSum(Big b);
public delegate Packed PackedMake(sbyte c, int i, short s);
public delegate int PackedSum(Packed p);
public delegate float WithArraySum(WithArray w);
public delegate Number NumberFromDouble(double d);
public delegate double NumberAsDouble(Number n);
public delegate int TaggedValue(Tagged t);
public delegate int NestedSum(Nested n);
public delegate int ManyPoints(Point a, Point b, Point c, Point d, double x, Point e);
public delegate int PointAddWrong(PointWithFloatY a, PointWithFloatY b);
public delegate PointTooSmall PointAddSmall(Point a, Point b);
public delegate Vector2 VectorTransform(NativeCallback f, Vector2 v, float k);
public delegate Vector2 VectorTransformRun(Vector2 v, float k);
