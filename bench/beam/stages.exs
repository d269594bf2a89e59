# stages on the BEAM: 10,000,000 events from a producer process to a consumer process with
# demand-driven back-pressure as GenStage does it (GenStage is a Hex package, not part of Elixir,
# so this is GenStage's protocol on plain processes): the consumer asks for max_demand = 1,000
# events, the producer sends at most what was asked, in batches of at most max_demand -
# min_demand = 250 (GenStage's default min_demand is 75 % of max_demand), and the consumer asks
# for 250 more after handling each batch of 250. Events per second, from the first ask until the
# consumer has handled the last event; checked: every event arrives once, in order.
Code.require_file("beam_bench.exs", __DIR__)

defmodule DemandProducer do
  @batch 250
  def loop(next, total, demand, consumer) when demand > 0 and next < total do
    count = Enum.min([demand, @batch, total - next])
    send(consumer, {:events, Enum.to_list(next..(next + count - 1))})
    loop(next + count, total, demand - count, consumer)
  end

  def loop(next, total, demand, consumer) do
    receive do
      {:ask, more, ^consumer} -> loop(next, total, demand + more, consumer)
      :stop -> BeamBench.check!(next == total, fn -> "stages: the producer stopped at #{next} of #{total}" end)
    end
  end
end

defmodule DemandConsumer do
  @max_demand 1_000
  @batch 250
  def run(producer, total, parent) do
    send(producer, {:ask, @max_demand, self()})
    consume(producer, 0, total, 0, parent)
  end

  defp consume(producer, total, total, _handled, parent) do
    send(producer, :stop)
    send(parent, :done)
  end

  defp consume(producer, next, total, since_ask, parent) do
    receive do
      {:events, events} ->
        next = handle(events, next)
        since_ask = since_ask + length(events)

        if since_ask >= @batch do
          send(producer, {:ask, since_ask, self()})
          consume(producer, next, total, 0, parent)
        else
          consume(producer, next, total, since_ask, parent)
        end
    end
  end

  defp handle([], next), do: next

  defp handle([event | rest], next) do
    BeamBench.check!(event == next, fn -> "stages: event #{event} arrived as number #{next}" end)
    handle(rest, next + 1)
  end
end

BeamBench.run("stages", fn opts ->
  total = BeamBench.count(10_000_000, opts)
  parent = self()
  start = BeamBench.now()
  consumer = spawn(fn -> receive do: ({:producer, p} -> DemandConsumer.run(p, total, parent)) end)
  producer = spawn(fn -> DemandProducer.loop(0, total, 0, consumer) end)
  send(consumer, {:producer, producer})
  BeamBench.await_count(1, :done)
  elapsed = BeamBench.now() - start
  [BeamBench.rate("stages: #{BeamBench.label(total)} events producer → consumer, maxDemand 1,000 (events/s)", total, elapsed)]
end)
