package org.mcalab.load;

import org.mcalab.lab.CpuMeter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CpuMeterAndTimelineTest {
    @Test
    void statParsingSkipsACommandNameWithSpacesAndParentheses() {
        String line = "4242 (mcalab-io (x) 1) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 9 0 1000 0 0";
        assertThat(CpuMeter.parse(line)).isEqualTo(OptionalLong.of(325));
        assertThat(CpuMeter.parse("garbage")).isEmpty();
    }

    @Test
    void thisProcessHasACpuTimeAndUnknownThreadNamesHaveNone() {
        assertThat(CpuMeter.process(ProcessHandle.current().pid()).cpuNanos()).isPresent();
        assertThat(CpuMeter.threadsNamed("no-such-thread-prefix-").cpuNanos()).isEmpty();
        assertThat(CpuMeter.process(Long.MAX_VALUE).cpuNanos()).isEmpty();
    }

    @Test
    void threadsOfAnyOfTheNamedPrefixesAreCounted() throws Exception {
        // a gateway's DTLS peer threads are not named mcalab-*: the meter must count them too
        Thread busy = new Thread(() -> {
            long until = System.nanoTime() + 400_000_000L;
            long x = 0;
            while (System.nanoTime() < until) {
                x += System.nanoTime() % 7;
            }
            if (x == 42) {
                System.out.print("");
            }
        }, "dtls-peer-test");
        busy.start();
        busy.join(200);
        assertThat(CpuMeter.threadsNamed("mcalab-", "dtls-peer-").cpuNanos()).isPresent();
        assertThat(CpuMeter.threadsNamed("mcalab-").cpuNanos()).isEmpty();
        busy.join();
    }

    @Test
    void loadAverageIsTheFirstFieldOfProcLoadavg() {
        assertThat(LoadAverage.parse("0.69 1.02 1.60 2/345 6789")).hasValue(0.69);
        assertThat(LoadAverage.parse("")).isEmpty();
    }

    @Test
    void timelineSumsPerSecondAndScalesTheLastPartialSecond() {
        long s = 1_000_000_000L;
        Timeline t = new Timeline(10 * s, 5);
        t.add(10 * s + 1, 3);
        t.add(10 * s + s / 2, 2);
        t.add(11 * s + 1, 4);
        t.add(12 * s + 1, 1);
        List<double[]> points = t.points(2.5, 1.0);
        assertThat(points).hasSize(3);
        assertThat(points.get(0)).containsExactly(1, 5);
        assertThat(points.get(1)).containsExactly(2, 4);
        assertThat(points.get(2)).containsExactly(3, 2); // 1 in half a second
    }

    @Test
    void anUnstartedTimelineStartsAtItsFirstEvent() {
        Timeline t = Timeline.unstarted(3);
        assertThat(t.start(5_000_000_000L)).isEqualTo(5_000_000_000L);
        assertThat(t.start(9_000_000_000L)).isEqualTo(5_000_000_000L);
        t.add(5_500_000_000L, 7);
        assertThat(t.points(1.0, 1.0).get(0)).containsExactly(1, 7);
    }
}
