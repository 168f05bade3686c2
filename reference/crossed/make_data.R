# Writes ratings.csv: a sparse, clustered crossed design large enough that the second grouping factor's levels are
# reordered to reduce fill (src/stats/lmm/level-order.ts). Run from reference/crossed/.
set.seed(20261126)
n_rater <- 1500; n_item <- 400; n_site <- 12; per_rater <- 6
rater <- rep(sprintf("r%04d", 1:n_rater), each = per_rater)
# items come in 20 topics of 20; a rater scores 5 items of a home topic and 1 from anywhere, as students
# mostly take courses in their own department
home <- sample(20, n_rater, replace = TRUE)
item <- unlist(lapply(1:n_rater, function(i) {
  own <- (home[i] - 1) * 20 + sample(20, per_rater - 1)
  sprintf("i%03d", c(own, sample(setdiff(1:n_item, own), 1)))
}))
site <- sprintf("site%02d", ((seq_len(n_rater) - 1) %% n_site + 1))[as.integer(factor(rater))]
x <- round(rnorm(length(rater)), 3)
u_r <- rnorm(n_rater, sd = 0.8)[as.integer(factor(rater))]
u_i <- rnorm(n_item, sd = 0.6)[as.integer(factor(item, levels = sprintf("i%03d", 1:n_item)))]
u_s <- rnorm(n_site, sd = 0.3)[as.integer(factor(site))]
score <- round(3 + 0.4 * x + u_r + u_i + u_s + rnorm(length(rater), sd = 1), 3)
write.csv(data.frame(rater, item, site, x, score), "data/ratings.csv", row.names = FALSE)
