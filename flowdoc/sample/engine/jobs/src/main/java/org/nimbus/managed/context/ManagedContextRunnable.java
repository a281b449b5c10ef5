// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.managed.context;

/**
 * Runnable that sets up and tears down per-thread state around the real work.
 */
public abstract class ManagedContextRunnable implements Runnable {

    private static final ThreadLocal<String> CONTEXT = new ThreadLocal<String>();

    @Override
    public final void run() {
        CONTEXT.set(Thread.currentThread().getName());
        try {
            runInContext();
        } finally {
            CONTEXT.remove();
        }
    }

    /** The work to do once the thread context is ready. */
    protected abstract void runInContext();

    public static String currentContext() {
        return CONTEXT.get();
    }
}
