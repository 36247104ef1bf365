namespace ModelGen.Training;

/// <summary>The metrics of one epoch in the order Keras prints them.</summary>
public sealed class EpochLogs : List<KeyValuePair<string, double>>
{
    /// <summary>Adds a metric.</summary>
    public void Add(string name, double value) => Add(new KeyValuePair<string, double>(name, value));

    /// <summary>Looks up a metric by name.</summary>
    public bool TryGetValue(string name, out double value)
    {
        foreach ((string key, double recorded) in this)
            if (key == name) { value = recorded; return true; }
        value = double.NaN;
        return false;
    }
}
