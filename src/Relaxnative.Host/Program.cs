using System.Globalization;
using Microsoft.Win32.SafeHandles;
using Relaxnative.Host;
using Relaxnative.Isolation.Process;

// The helper process of IsolationMode.Process. Arguments: <host pid> [--address-space <bytes>] [--cpu-seconds <n>].
// Frames arrive on stdin and leave on a private copy of stdout; native code's own stdout goes to stderr.
if (args.Length < 1 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out int hostPid))
{
    await Console.Error.WriteLineAsync("Relaxnative.Host is started by Relaxnative (IsolationMode.Process), not by hand.").ConfigureAwait(false);
    return 2;
}

// Die with the host: the kernel sends SIGKILL when the parent goes. If it already went before prctl ran, the parent is
// now someone else: exit at once.
_ = Posix.Prctl(Posix.PrSetPdeathsig, Posix.SigKill, 0, 0, 0);
if (Posix.GetParentProcessId() != hostPid)
{
    return 3;
}

for (int i = 1; i + 1 < args.Length; i += 2)
{
    ulong value = ulong.Parse(args[i + 1], CultureInfo.InvariantCulture);
    if (args[i] == "--address-space")
    {
        // The runtime has already reserved its own address space (GC heap, code); the budget is on top of that, so
        // the limit measures what native code may map, whatever the runtime's reservation size.
        value += AddressSpace.CurrentBytes();
    }

    var limit = new Posix.RLimit { Current = value, Maximum = value };
    int resource = args[i] switch
    {
        "--address-space" => Posix.RlimitAs,
        "--cpu-seconds" => Posix.RlimitCpu,
        _ => -1,
    };
    if (resource >= 0 && Posix.SetResourceLimit(resource, ref limit) != 0)
    {
        await Console.Error.WriteLineAsync($"Relaxnative.Host: setrlimit({args[i]}) failed with errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}.").ConfigureAwait(false);
    }
}

FatalSignals.RestoreDefaults();
int protocolFd = Posix.Dup(1);
_ = Posix.Dup2(2, 1);
// Poll stdin for 50 us after each frame before sleeping: the next call of a busy caller then costs no wake-up.
using var input = new PollingPipeStream(0, TimeSpan.FromMicroseconds(50));
using var output = new FileStream(new SafeFileHandle(protocolFd, ownsHandle: true), FileAccess.Write, 1);
return new HelperLoop(input, output).Run();
