using System.Globalization;

namespace Relaxnative.Binding;

/// <summary>
/// The deallocator of a function's owned result (<see cref="BindOptions.Frees"/>): its name, its address in the library's
/// process, and whether that library is still open. Turns a returned address into an <see cref="OwnedNativePointer"/>, or
/// (for <c>char*</c>) into a string freed in the same step. Immutable; thread-safe.
/// </summary>
internal sealed class OwnedResult(string name, nint address, NativeLibraryHandle library)
{
    private readonly Func<bool> _alive = () => !library.IsDisposed;

    public string Name { get; } = name;

    /// <summary>The owning object for <paramref name="pointer"/>; null for NULL.</summary>
    public OwnedNativePointer? Own(nint pointer) => pointer == 0 ? null : new OwnedNativePointer(pointer, address, Name, _alive);

    /// <summary>The boxed result: for text results the decoded string (the memory freed at once), otherwise the owning pointer.</summary>
    public object? ToObject(ValuePlan plan, nint pointer, string function)
    {
        if (!NativeText.ReturnsString(plan))
        {
            return Own(pointer);
        }

        using var owned = Own(pointer);
        return plan.Text == TextForm.None ? StubHelpers.ToCString(pointer) : NativeText.Decode(plan, pointer, function);
    }

    /// <summary>The result as <typeparamref name="T"/>: <see cref="OwnedNativePointer"/>, or string for text results; a raw pointer would leak, so it is refused.</summary>
    /// <exception cref="InvalidCastException"><typeparamref name="T"/> is another type.</exception>
    public T To<T>(ValuePlan plan, nint pointer, string function)
    {
        if (typeof(T) == typeof(OwnedNativePointer))
        {
            return (T)(object)Own(pointer)!;
        }

        if (typeof(T) == typeof(string) && NativeText.ReturnsString(plan))
        {
            return (T)ToObject(plan, pointer, function)!;
        }

        if (typeof(T) == typeof(object))
        {
            return (T)ToObject(plan, pointer, function)!;
        }

        // Free now so the refusal does not also leak the result.
        Own(pointer)?.Dispose();
        throw new InvalidCastException(string.Create(CultureInfo.InvariantCulture,
            $"'{function}' returns C '{plan.Type.Spelling}' owned by the caller (freed with '{Name}'), which cannot be read as {typeof(T).Name}: ") +
            "a plain pointer would lose the duty to free it. Ask for OwnedNativePointer" + (NativeText.ReturnsString(plan) ? " or string." : ".") +
            " The result was freed.");
    }
}
