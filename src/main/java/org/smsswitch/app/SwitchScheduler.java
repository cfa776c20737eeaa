package org.smsswitch.app;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz with its JDBC job store in the switch's own database, clustered when nodes share a
 * MySQL/MariaDB database. Jobs are built by the switch (constructor injection), not by reflection.
 */
final class SwitchScheduler implements AutoCloseable {
    private final Scheduler scheduler;

    private SwitchScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    static SwitchScheduler start(DataSource dataSource, boolean clustered, Map<Class<? extends Job>,
            Supplier<Job>> jobs) {
        // DBConnectionManager is JVM-wide: a name of this instance's own keeps two switches in one JVM apart.
        String dataSourceName = "sms-switch-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
                // The pool belongs to the switch's Database.
            }

            @Override
            public void initialize() {
            }
        });
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "sms-switch");
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, "AUTO");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", "4");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(clustered));
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "10000");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "30000");
        try {
            StdSchedulerFactory factory = new StdSchedulerFactory(p);
            Scheduler scheduler = factory.getScheduler();
            scheduler.setJobFactory(jobFactory(jobs));
            scheduler.start();
            return new SwitchScheduler(scheduler);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz could not start: " + e.getMessage(), e);
        }
    }

    private static JobFactory jobFactory(Map<Class<? extends Job>, Supplier<Job>> jobs) {
        return (bundle, scheduler) -> {
            Supplier<Job> supplier = jobs.get(bundle.getJobDetail().getJobClass());
            if (supplier == null) {
                throw new SchedulerException("No job of class " + bundle.getJobDetail().getJobClass().getName()
                        + " in this switch");
            }
            return supplier.get();
        };
    }

    /** Runs a job every {@code seconds}, replacing an earlier schedule of the same name (from any node). */
    void every(String name, Class<? extends Job> type, int seconds) {
        JobKey key = JobKey.jobKey(name, "sms-switch");
        JobDetail job = JobBuilder.newJob(type).withIdentity(key).storeDurably().build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(name, "sms-switch")
                .forJob(key)
                .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(seconds)
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .startNow()
                .build();
        try {
            scheduler.scheduleJob(job, java.util.Set.of(trigger), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot schedule " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz did not shut down cleanly: " + e.getMessage(), e);
        }
    }
}
