Console.WriteLine("Relaxnative");
