# beam-flags: +P 4000000
# pubsub_fanout on the BEAM: 10,000 subscriber processes (--size for the scaling curve) register
# under one topic in a Registry with keys: :duplicate (partitioned by scheduler, as Phoenix.PubSub
# does); 100 broadcasts with Registry.dispatch, each sending {:event, i} to every subscriber.
# Deliveries per second, from the first broadcast until every subscriber has received every event,
# in order (checked). The curve keeps the deliveries near 1M: max(1, 1M / N) broadcasts.
Code.require_file("beam_bench.exs", __DIR__)

defmodule Fanout do
  def subscriber(registry, events, parent) do
    {:ok, _} = Registry.register(registry, :topic, nil)
    send(parent, :subscribed)
    receive_events(0, events, parent)
  end

  defp receive_events(events, events, parent), do: send(parent, :done)

  defp receive_events(i, events, parent) do
    receive do
      {:event, n} ->
        BeamBench.check!(n == i, fn -> "pubsub_fanout: event #{n} arrived as number #{i}" end)
        receive_events(i + 1, events, parent)
    end
  end

  def broadcast(registry, event) do
    Registry.dispatch(registry, :topic, fn entries -> for {pid, _} <- entries, do: send(pid, {:event, event}) end)
  end
end

BeamBench.run("pubsub_fanout", fn opts ->
  {subscribers, events} =
    if opts.size > 0, do: {opts.size, max(1, div(1_000_000, opts.size))}, else: {10_000, BeamBench.count(100, opts)}

  registry = :"fanout_#{System.unique_integer([:positive])}"
  {:ok, sup} = Registry.start_link(keys: :duplicate, name: registry, partitions: System.schedulers_online())
  parent = self()
  for _ <- 1..subscribers, do: spawn(fn -> Fanout.subscriber(registry, events, parent) end)
  BeamBench.await_count(subscribers, :subscribed)
  start = BeamBench.now()
  for event <- 0..(events - 1), do: Fanout.broadcast(registry, event)
  BeamBench.await_count(subscribers, :done)
  elapsed = BeamBench.now() - start
  Process.unlink(sup)
  Supervisor.stop(sup)

  [BeamBench.rate("pubsub_fanout: #{BeamBench.label(subscribers)} subscribers × #{BeamBench.label(events)} " <>
      "broadcasts (deliveries/s)", subscribers * events, elapsed)]
end)
