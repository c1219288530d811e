package dev.slope.optimize;

import dev.slope.learn.Learner;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slope.TestRuns;
import dev.slope.data.ImageData;
import dev.slope.objective.FusedPass;
import dev.slope.preprocess.Splits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lecture's three strategies on a slice of the shipped data. */
class StrategyTest {
    static SearchProblem problem;
    static FusedPass pass;

    @BeforeAll
    static void setUp() {
        ImageData data = TestRuns.shipped();
        TrainConfig config = TrainConfig.builder().set(Settings.LOSS, "svm").set(Settings.LR, 0.05).build();
        problem = new SearchProblem(Splits.prepare(TestRuns.source(data.train().head(3000)), data.train().head(3000), data.test().head(1000),
                config.pipelineSpec(), 0.1, 1), config);
        pass = problem.pass(TestRuns.ENGINE);
    }

    @Test
    void theLecturesOrderingHolds() {
        Budget budget = new Budget(60, Budget.Unit.EVALUATIONS);
        StrategyReport rs = new RandomSearch(0.02).run(problem, budget, pass, 1);
        StrategyReport rls = new RandomLocalSearch(0.001, 0.005).run(problem, budget, pass, 1);
        StrategyReport gd = new GradientDescent(128).run(problem, budget, pass, 1);
        assertTrue(rs.testAccuracy() > 0.15, "random search beats chance (10%): " + rs.testAccuracy());
        assertTrue(rls.finalLoss() < rs.finalLoss(), rls.finalLoss() + " vs " + rs.finalLoss());
        assertTrue(gd.finalLoss() < rls.finalLoss());
        assertTrue(gd.testAccuracy() > rls.testAccuracy() + 0.3, "gradient descent: " + gd.testAccuracy());
        for (StrategyReport r : new StrategyReport[] {rs, rls, gd}) {
            assertEquals(60, r.evaluations(), 0.5, r.name());
            assertEquals(r.curveLoss().length, r.curveEvaluations().length);
            assertEquals(r.curveLoss().length, r.curveSeconds().length);
            for (int i = 1; i < r.curveEvaluations().length; i++) {
                assertTrue(r.curveEvaluations()[i] >= r.curveEvaluations()[i - 1], r.name());
            }
        }
        // the searches keep their best: their curves never go up
        for (StrategyReport r : new StrategyReport[] {rs, rls}) {
            for (int i = 1; i < r.curveLoss().length; i++) {
                assertTrue(r.curveLoss()[i] <= r.curveLoss()[i - 1]);
            }
            assertEquals(r.curveLoss()[r.curveLoss().length - 1], r.finalLoss(), 1e-9);
        }
    }

    @Test
    void everyStrategyRepeatsFromItsSeed() {
        Budget budget = new Budget(5, Budget.Unit.EVALUATIONS);
        for (Strategy s : new Strategy[] {new RandomSearch(0.02), new RandomLocalSearch(0.001, 0.005), new GradientDescent(64)}) {
            StrategyReport a = s.run(problem, budget, pass, 7);
            StrategyReport b = s.run(problem, budget, pass, 7);
            assertArrayEquals(a.model().parameters().w(), b.model().parameters().w(), s.name());
            assertArrayEquals(a.curveLoss(), b.curveLoss(), s.name());
        }
    }

    /** A budget in seconds ends the run once spent (a strategy that ignored it would run into the timeout). */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aBudgetInSecondsIsKept() {
        Budget budget = new Budget(0.5, Budget.Unit.SECONDS);
        for (Strategy s : new Strategy[] {new RandomSearch(0.02), new GradientDescent(1)}) {
            StrategyReport r = s.run(problem, budget, pass, 1);
            assertTrue(r.seconds() >= 0.5, s.name() + " stopped before its budget: " + r.seconds());
            assertTrue(r.evaluations() > 0);
            assertTrue(budget.spent(r.evaluations(), r.seconds()));
        }
    }

    @Test
    void aStrategyIsALearnerOnDatasets() {
        Budget budget = new Budget(3, Budget.Unit.EVALUATIONS);
        Learner<dev.slope.model.LinearModel> learner = new RandomLocalSearch(0.001, 0.005).learner(problem.config(), budget,
                TestRuns.ENGINE, 7);
        dev.slope.model.LinearModel m = learner.learn(problem.train(), problem.validation());
        StrategyReport r = new RandomLocalSearch(0.001, 0.005).run(problem, budget, pass, 7);
        assertArrayEquals(r.model().parameters().w(), m.parameters().w());
        assertEquals(problem.train().pipeline(), m.pipeline());
    }

    @Test
    void badBudgetsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Budget(0, Budget.Unit.EVALUATIONS));
        assertThrows(IllegalArgumentException.class, () -> new Budget(-3, Budget.Unit.SECONDS));
        assertThrows(IllegalArgumentException.class, () -> new Budget(Double.NaN, Budget.Unit.EPOCHS));
        assertThrows(IllegalArgumentException.class, () -> new RandomSearch(0));
    }
}
